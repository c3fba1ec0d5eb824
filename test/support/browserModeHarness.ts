import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { CoreOptions } from '../../electron/core/app/createCore.js';
import { runBrowserMode, type BrowserMode } from '../../electron/core/main/runBrowserMode.js';

export type Harness = {
  readonly mode: BrowserMode;
  readonly port: number;
  readonly profileDir: string;
  /** `Cookie` header value of a logged-in browser. */
  readonly cookie: string;
  readonly dispose: () => Promise<void>;
};

const appRoot = join(import.meta.dirname, '..', '..');

/** Browser mode in-process on an ephemeral port with a throwaway profile and a stub page. */
export async function startBrowserMode(createSessions?: CoreOptions['createSessions']): Promise<Harness> {
  const profileDir = mkdtempSync(join(tmpdir(), 'wa-inbox-test-'));
  const staticDir = join(profileDir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>test</title>');
  const mode = await runBrowserMode(
    { profileDir, port: 0, rotateToken: false, staticDir },
    appRoot,
    pino({ level: 'silent' }),
    createSessions,
  );
  const port = mode.server.port;
  const login = await fetch(mode.server.loginUrl(), { redirect: 'manual' });
  const setCookie = login.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  return {
    mode,
    port,
    profileDir,
    cookie,
    dispose: async () => {
      await mode.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
