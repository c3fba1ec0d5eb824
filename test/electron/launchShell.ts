import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type LaunchedShell = {
  readonly app: ElectronApplication;
  readonly page: Page;
  readonly close: () => Promise<void>;
};

/**
 * Builds the shell bundle and starts it on a fresh profile dir, so tests never share or touch a
 * real profile. Linux CI has no keyring, so the plaintext keystore is allowed explicitly; macOS
 * uses Chromium's mock keychain instead of prompting for the login keychain.
 */
export async function launchShell(executablePath: string): Promise<LaunchedShell> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-shell.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const profileDir = await mkdtemp(path.join(tmpdir(), 'wa-inbox-electron-'));
  const args = [path.join(ROOT, 'dist', 'electron', 'shell', 'main.js'), `--profile-dir=${profileDir}`];
  if (process.platform === 'linux') args.push('--allow-insecure-keystore');
  if (process.platform === 'darwin') args.push('--use-mock-keychain');
  const app = await electron.launch({ executablePath, args, cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' } });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    return {
      app,
      page,
      close: async () => {
        await app.close();
        await rm(profileDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await app.close();
    await rm(profileDir, { recursive: true, force: true });
    throw err;
  }
}
