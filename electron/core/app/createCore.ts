import type { Logger } from 'pino';
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
};

/** Builds the Node core shared by the Electron shell and browser mode. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const hub = new EventHub();
  const sessions = options.createSessions ? await options.createSessions(hub) : createAccountlessSessions();
  const handlers = createHandlers({ mode: options.mode, version: options.version, sessions });
  const dispatch = createDispatcher(handlers, { log: options.log.child({ module: 'bridge' }) });
  return {
    dispatch,
    hub,
    close: async () => {
      await sessions.close();
      hub.flush();
    },
  };
}
