// Runs after `npm install` / `npm ci`. Each step warns instead of failing the install, so an
// offline machine still gets a usable checkout (browser mode, tests, type-checking).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEnsureElectronTypes } from './ensure-electron-types.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Step 1: Electron type declarations, even when the optional Electron binary failed to download.
runEnsureElectronTypes();

// Step 2: patch-package for Baileys (and any other patched dependency).
// Only when a patches/ dir exists; a patch that no longer applies is a real problem, so this step
// reports it loudly, but still does not abort the install.
if (existsSync(path.join(ROOT, 'patches'))) {
  const result = spawnSync('npx', ['--no-install', 'patch-package'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.warn(
      '[postinstall] WARNING: patch-package failed; dependencies are running UNPATCHED. See the output above.',
    );
  }
}
