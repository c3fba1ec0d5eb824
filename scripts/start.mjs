// `npm start`: builds, then opens the desktop window when an Electron binary is installed, or
// starts browser mode and says why. Extra arguments are passed on (e.g. -- --port 7733).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passOn = args.filter((arg) => arg !== '--browser');

await buildAll();

const electronBinary = forceBrowser ? null : findElectronBinary();
if (electronBinary) {
  const native = join(root, 'scripts/build-native-electron.mjs');
  if (existsSync(native)) await run(process.execPath, [native]);
  await run(electronBinary, [root, ...passOn]);
} else {
  if (!forceBrowser) {
    console.log(
      'Electron is not installed on this machine (its binary download failed or was skipped), ' +
        'so the inbox starts in browser mode instead.',
    );
  }
  await run(process.execPath, [join(root, 'dist/core/browserMain.js'), ...passOn]);
}

function findElectronBinary() {
  try {
    // The electron package's main export is the path of its binary; it throws when the download never happened.
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function run(command, commandArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit', cwd: root });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : process.exit(code ?? 1)));
  });
}
