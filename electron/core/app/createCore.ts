import type { Logger } from 'pino';
import { BackupService } from '../backup/BackupService.js';
import type { KeyProvider } from '../store/keyProvider.js';
import { createDispatcher } from '../bridge/dispatcher.js';
import { EventHub } from '../bridge/EventHub.js';
import { createAccountlessSessions } from './accountlessSessions.js';
import type { Core, CoreMode } from './Core.js';
import { createHandlers } from './createHandlers.js';
import type { SessionPort } from './SessionPort.js';

export type { KeyProvider };

export type CoreOptions = {
  readonly mode: CoreMode;
  readonly profileDir: string;
  readonly keyProvider: KeyProvider;
  readonly log: Logger;
  readonly version: string;
  /** Injected by tests and by the session manager wiring; defaults to a core with no accounts. */
  readonly createSessions?: (hub: EventHub) => Promise<SessionPort> | SessionPort;
  /** better-sqlite3's native build for this runtime (Electron's ABI under Electron); the backup reads stores with it. */
  readonly nativeBinding?: string;
};

/** Builds the Node core shared by the Electron shell and browser mode. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const hub = new EventHub();
  const sessions = options.createSessions ? await options.createSessions(hub) : createAccountlessSessions();
  const backup = await BackupService.open({
    profileDir: options.profileDir,
    keyProvider: options.keyProvider,
    hub,
    sessions,
    log: options.log,
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
  });
  const handlers = createHandlers({ mode: options.mode, version: options.version, sessions, backup });
  const dispatch = createDispatcher(handlers, { log: options.log.child({ module: 'bridge' }) });
  return {
    dispatch,
    hub,
    close: async () => {
      // First: a backup run reads the stores the sessions are about to close.
      await backup.close();
      await sessions.close();
      hub.flush();
    },
  };
}
