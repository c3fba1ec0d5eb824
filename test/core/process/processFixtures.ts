import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { EventBatch } from '../../../shared/src/index.js';
import { EventHub } from '../../../electron/core/bridge/EventHub.js';
import { nodeSpawner } from '../../../electron/core/session/process/WorkerSpawner.js';
import type { SessionManagerOptions } from '../../../electron/core/session/SessionManager.js';

export const here = dirname(fileURLToPath(import.meta.url));
export const FAKE_WORKER_SCRIPT = join(here, 'fakeWorkerMain.ts');
/** Runs a TypeScript child entry straight from the source tree. */
export const tsxSpawner = nodeSpawner({ execArgv: ['--import', 'tsx'] });
export const silentLog = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** A profile dir removed after the test; `using`-free so it works on Node 20. */
export function tempProfile(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wa-inbox-process-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A hub whose published batches are recorded in order (flushed per tick by the hub). */
export function recordingHub(): { hub: EventHub; batches: EventBatch[] } {
  const hub = new EventHub();
  const batches: EventBatch[] = [];
  hub.subscribe((delivered) => batches.push(...delivered));
  return { hub, batches };
}

export function fakeManagerOptions(
  profileDir: string,
  hub: EventHub,
  overrides: Partial<SessionManagerOptions> = {},
): SessionManagerOptions {
  return {
    profileDir,
    hub,
    log: silentLog,
    worker: { script: FAKE_WORKER_SCRIPT, spawner: tsxSpawner },
    restart: { baseDelayMs: 100, maxDelayMs: 1_000, stableAfterMs: 5_000 },
    startTimeoutMs: 20_000,
    callTimeoutMs: 10_000,
    waitReadyMs: 15_000,
    ...overrides,
  };
}

export async function waitFor<T>(
  probe: () => T | undefined | false,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
