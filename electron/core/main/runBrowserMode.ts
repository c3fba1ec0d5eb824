import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Core } from '../app/Core.js';
import { createCore, type CoreOptions } from '../app/createCore.js';
import { AccessToken } from '../server/accessToken.js';
import { BrowserServer } from '../server/BrowserServer.js';
import { createMediaRoute } from '../server/mediaRoute.js';
import { FileKeyProvider } from '../store/keyProvider.js';
import type { HostOptions } from './hostOptions.js';

export type BrowserMode = { readonly core: Core; readonly server: BrowserServer; readonly close: () => Promise<void> };

/**
 * Starts the core and serves it on loopback. Shared by the production entry (`browserMain`) and the
 * demo/test entry, which differ only in what they pass as `createSessions`.
 */
export async function runBrowserMode(
  host: HostOptions,
  appRoot: string,
  log: Logger,
  createSessions?: CoreOptions['createSessions'],
): Promise<BrowserMode> {
  mkdirSync(host.profileDir, { recursive: true, mode: 0o700 });
  const core = await createCore({
    mode: 'browser',
    profileDir: host.profileDir,
    keyProvider: new FileKeyProvider(host.profileDir),
    log,
    version: readVersion(appRoot),
    ...(createSessions ? { createSessions } : {}),
  });
  const token = AccessToken.loadOrCreate(host.profileDir, { rotate: host.rotateToken });
  const server = await BrowserServer.listen({
    host: '127.0.0.1',
    port: host.port,
    staticDir: host.staticDir,
    token,
    dispatch: core.dispatch,
    hub: core.hub,
    log: log.child({ module: 'browser-server' }),
    media: createMediaRoute(host.profileDir),
  });
  return {
    core,
    server,
    close: async () => {
      await server.close();
      await core.close();
    },
  };
}

function readVersion(appRoot: string): string {
  const pkg = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** Prints where to open the inbox, then closes everything on SIGINT/SIGTERM. Shared by the entries. */
export function announceAndServe(mode: BrowserMode, headline: string, log: Logger): void {
  process.stdout.write(
    `\n${headline}\nOpen this address (it carries a one-time access token):\n\n  ${mode.server.loginUrl()}\n\n`,
  );
  const shutdown = (): void => {
    mode.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
