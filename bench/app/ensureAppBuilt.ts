import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const APP_ROOT = join(import.meta.dirname, '..', '..');
let built: Promise<void> | undefined;

/**
 * The app rows run the built app (dist/), as `npm start` does. They build it once per bench run so
 * a stale dist/ is never measured; `--no-build` skips that when dist/ is known to be current.
 */
export function ensureAppBuilt(): Promise<void> {
  built ??= process.argv.includes('--no-build') ? checkBuilt() : build();
  return built;
}

function checkBuilt(): Promise<void> {
  return existsSync(join(APP_ROOT, 'dist', 'core', 'demoMain.js'))
    ? Promise.resolve()
    : Promise.reject(new Error('dist/ is missing: run `npm run build`, or drop --no-build'));
}

function build(): Promise<void> {
  process.stderr.write('building the app (node scripts/build.mjs)…\n');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(APP_ROOT, 'scripts', 'build.mjs')], {
      cwd: APP_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`app build failed with ${code}`))));
  });
}
