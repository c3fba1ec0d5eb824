import { z } from 'zod';
import { AccountIdSchema } from '../../../../shared/src/index.js';

/** The environment variable that carries a worker's launch options (JSON). */
export const WORKER_LAUNCH_ENV = 'WA_INBOX_WORKER';

/**
 * What a worker child is started with. Everything is decided by the parent; the child trusts
 * nothing else in its environment for these. Paths only: the key itself never goes into the
 * environment (other processes of the same user may read it, e.g. /proc/<pid>/environ).
 */
export const WorkerLaunchSchema = z.strictObject({
  accountId: AccountIdSchema,
  label: z.string().max(128),
  accountDir: z.string().min(1),
  /** Directory of the key file (FileKeyProvider), or null: the parent sends the key over IPC. */
  keyFileDir: z.string().min(1).nullable(),
  /** better-sqlite3 built for Electron's ABI, when the worker runs under Electron. */
  nativeBinding: z.string().min(1).optional(),
  logLevel: z.string().max(16).optional(),
});
export type WorkerLaunch = z.infer<typeof WorkerLaunchSchema>;

export function launchEnv(launch: WorkerLaunch): Record<string, string> {
  return { [WORKER_LAUNCH_ENV]: JSON.stringify(launch) };
}

export function readLaunch(env: NodeJS.ProcessEnv): WorkerLaunch {
  const raw = env[WORKER_LAUNCH_ENV];
  if (!raw) throw new Error(`${WORKER_LAUNCH_ENV} is not set: this entry is started by the session manager`);
  return WorkerLaunchSchema.parse(JSON.parse(raw));
}
