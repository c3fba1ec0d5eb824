import type { Logger } from 'pino';
import type { CoreOptions } from '../app/createCore.js';
import type { WorkerSpawner } from '../session/process/WorkerSpawner.js';
import { SessionManager } from '../session/SessionManager.js';
import type { KeyProvider } from '../store/keyProvider.js';

export type WorkerSessionsOptions = {
  readonly profileDir: string;
  readonly log: Logger;
  /** Absolute path of the bundled worker entry (`dist/core/workerMain.js` or the demo one). */
  readonly workerScript: string;
  readonly spawner?: WorkerSpawner;
  readonly keyHandoff?: KeyProvider;
  readonly nativeBinding?: string;
};

/** `createSessions` for createCore: a SessionManager with one worker process per account. */
export function workerSessions(options: WorkerSessionsOptions): NonNullable<CoreOptions['createSessions']> {
  return (hub) =>
    SessionManager.open({
      profileDir: options.profileDir,
      hub,
      log: options.log,
      worker: { script: options.workerScript, ...(options.spawner ? { spawner: options.spawner } : {}) },
      ...(options.keyHandoff ? { keyHandoff: options.keyHandoff } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
}
