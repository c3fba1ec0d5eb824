import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { REGISTRY_FILE } from '../session/process/accountRegistry.js';
import { nodeSpawner, type WorkerSpawner } from '../session/process/WorkerSpawner.js';
import { WORKER_LAUNCH_ENV } from '../session/process/workerLaunch.js';
import type { DemoSimTarget } from './demoSimEnv.js';

// Only what this needs from accounts.json and the launch variable; the session layer owns both.
const RegistryOrderSchema = z.object({ accounts: z.array(z.object({ id: z.string() })) });
const LaunchIdSchema = z.object({ accountId: z.string() });

/**
 * The demo's worker spawner when several simulators are given (one per simulated phone): the Nth
 * added account (its place in accounts.json, which the session manager writes before spawning)
 * connects to the Nth simulator; accounts beyond the list share the last one. Test wiring only:
 * the session manager and the workers know nothing about it, they just see their environment.
 */
export function demoSimSpawner(
  profileDir: string,
  targets: readonly DemoSimTarget[],
  spawner: WorkerSpawner = nodeSpawner(),
): WorkerSpawner {
  return (script, args, env) => {
    const target = targets[Math.min(accountIndex(profileDir, env), targets.length - 1)] ?? {};
    return spawner(script, args, { ...env, ...target });
  };
}

function accountIndex(profileDir: string, env: Readonly<Record<string, string>>): number {
  const launch = env[WORKER_LAUNCH_ENV];
  if (!launch) return 0;
  const { accountId } = LaunchIdSchema.parse(JSON.parse(launch));
  // Synchronous on purpose: a spawner returns the child at once. The file is small and local.
  const registry = RegistryOrderSchema.parse(JSON.parse(readFileSync(join(profileDir, REGISTRY_FILE), 'utf8')));
  return Math.max(
    0,
    registry.accounts.findIndex((account) => account.id === accountId),
  );
}
