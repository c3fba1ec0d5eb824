// Makes `electron`'s type declarations available even where the Electron binary is not.
//
// Why: `electron` is an optionalDependency. Where its binary download fails (offline machines,
// sandboxes), npm removes the whole package, including `electron.d.ts`, and `tsc` could no longer
// check `electron/shell/`. The types ship in the npm tarball, which the registry still serves, so we
// fetch that tarball for the pinned version and keep only `electron.d.ts` under `.cache/`.
// `electron/shell/tsconfig.json` maps "electron" to node_modules first, then to this copy.
//
// Never fails the install: every problem becomes a warning.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INSTALLED_TYPES = path.join(ROOT, 'node_modules', 'electron', 'electron.d.ts');
const CACHE_DIR = path.join(ROOT, '.cache', 'electron-types');
const TYPES_PACKAGE_DIR = path.join(CACHE_DIR, 'electron');

/** The version the app is built against: the pin in package.json, never "latest". */
export function pinnedElectronVersion(root = ROOT) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const spec = pkg.optionalDependencies?.electron ?? pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  if (typeof spec !== 'string') return null;
  const exact = /^\d+\.\d+\.\d+(-[\w.]+)?$/.exec(spec.trim());
  return exact ? exact[0] : null;
}

export function ensureElectronTypes() {
  if (existsSync(INSTALLED_TYPES)) {
    return { status: 'installed', path: INSTALLED_TYPES };
  }
  const version = pinnedElectronVersion();
  if (version === null) {
    return { status: 'skipped', reason: 'package.json has no exact electron version in optionalDependencies' };
  }
  const cachedPkg = path.join(TYPES_PACKAGE_DIR, 'package.json');
  if (existsSync(cachedPkg) && JSON.parse(readFileSync(cachedPkg, 'utf8')).version === version) {
    return { status: 'cached', path: path.join(TYPES_PACKAGE_DIR, 'electron.d.ts') };
  }

  mkdirSync(TYPES_PACKAGE_DIR, { recursive: true });
  // `npm pack` goes through the user's npm config (registry, proxy, auth) like the install did.
  const packed = execFileSync(
    npmCommand(),
    ['pack', `electron@${version}`, '--pack-destination', CACHE_DIR, '--json', '--ignore-scripts'],
    // Bounded: a hanging registry must not hang `npm install`.
    {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
      timeout: 120_000,
    },
  );
  const filename = JSON.parse(packed)[0]?.filename;
  if (typeof filename !== 'string') throw new Error('npm pack did not report a tarball name');
  const tarball = path.join(CACHE_DIR, filename);
  try {
    // bsdtar (Windows, macOS) and GNU tar both accept this form; only one member is extracted.
    execFileSync('tar', ['-xzf', tarball, '-C', TYPES_PACKAGE_DIR, '--strip-components=1', 'package/electron.d.ts'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } finally {
    rmSync(tarball, { force: true });
  }
  // A minimal package so TypeScript resolves the directory like the real one.
  writeFileSync(
    cachedPkg,
    JSON.stringify({ name: 'electron', version, types: 'electron.d.ts', private: true }, null, 2) + '\n',
  );
  return { status: 'downloaded', path: path.join(TYPES_PACKAGE_DIR, 'electron.d.ts'), version };
}

function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

export function runEnsureElectronTypes() {
  try {
    const outcome = ensureElectronTypes();
    switch (outcome.status) {
      case 'installed':
        break;
      case 'cached':
      case 'downloaded':
        console.log(`[electron-types] Electron is not installed; using its type declarations from ${outcome.path}`);
        break;
      case 'skipped':
        console.warn(`[electron-types] WARNING: ${outcome.reason}; electron/shell will not type-check.`);
        break;
    }
  } catch (err) {
    const detail = err instanceof Error ? summarizeFailure(err) : String(err);
    console.warn(
      `[electron-types] WARNING: could not fetch electron.d.ts (${detail}).\n` +
        '  The install continues; `tsc` for electron/shell will fail until `node scripts/ensure-electron-types.mjs` succeeds.',
    );
  }
}

/** npm prints a stack and a log path; the first `npm error` lines say what went wrong. */
function summarizeFailure(err) {
  const lines = (err.stderr?.toString() ?? '')
    .split('\n')
    .filter((line) => /^npm error \S/.test(line) && !/\bat /.test(line));
  return lines.slice(0, 3).join('; ') || err.message;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runEnsureElectronTypes();
}
