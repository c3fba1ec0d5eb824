import { app } from 'electron';
import type { Logger } from 'pino';
import type { Core } from '../core/app/Core.js';
import { drop } from '../core/util/drop.js';

export const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Holds the first `before-quit` until the core closed (queues drained, store closed, last batches
 * flushed), then quits for real. A core that hangs does not keep the app alive past the timeout.
 * `getCore` returns the core's start promise, or null if it never started.
 */
export function installGracefulShutdown(getCore: () => Promise<Core> | null, log: Logger): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    const starting = getCore();
    if (state === 'closed' || starting === null) return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    const timeout = new Promise<void>((resolve) =>
      setTimeout(() => {
        log.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'core did not close in time; quitting anyway');
        resolve();
      }, SHUTDOWN_TIMEOUT_MS).unref(),
    );
    const closing = starting.then((core) => core.close());
    drop(
      Promise.race([closing, timeout]).finally(() => {
        state = 'closed';
        app.quit();
      }),
      (err) => log.error({ err }, 'core failed to close cleanly'),
    );
  });
}
