// Builds better-sqlite3 for Electron's ABI into .native/electron-<version>/ (see docs/native-modules.md).
//
// Why a second copy: better-sqlite3 is not N-API, so the build npm made for Node cannot load in
// Electron and vice versa. Rebuilding node_modules in place would break tests and browser mode,
// so we build a copy and the core passes its path as `nativeBinding` under Electron only.
//
// Usage: node scripts/build-native-electron.mjs [--electron-version=X] [--arch=x64|arm64] [--force]
// Needs a C++ toolchain and network access to Electron's headers; it does NOT need the Electron binary.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const BINDING_FILE = 'better_sqlite3.node';
const require = createRequire(path.join(ROOT, 'package.json'));

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function argValue(name) {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

/** The installed Electron if any (that is what will run), else the pin in package.json. */
function targetElectronVersion() {
  const explicit = argValue('electron-version');
  if (explicit) return explicit;
  const pinned = readJson(path.join(ROOT, 'package.json')).optionalDependencies?.electron;
  const installedPkg = path.join(ROOT, 'node_modules', 'electron', 'package.json');
  if (existsSync(installedPkg)) {
    const installed = readJson(installedPkg).version;
    if (pinned && pinned !== installed) {
      console.warn(
        `[native] WARNING: node_modules has electron ${installed} but package.json pins ${pinned}; building for ${installed}.`,
      );
    }
    return installed;
  }
  if (pinned && /^\d+\.\d+\.\d+/.test(pinned)) return pinned;
  throw new Error(
    'cannot tell which Electron to build for: no node_modules/electron and no exact pin in optionalDependencies',
  );
}

/** node-gyp reads npm's `nodedir` from the environment; it would silently build against Node's headers. */
function envForElectronHeaders() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) delete env[key];
  }
  return env;
}

async function buildWithElectronRebuild(workDir, electronVersion, arch) {
  let rebuild;
  try {
    ({ rebuild } = await import('@electron/rebuild'));
  } catch {
    return false; // not installed: use node-gyp directly
  }
  console.log(`[native] @electron/rebuild: better-sqlite3 for Electron ${electronVersion} (${arch})`);
  const saved = process.env;
  process.env = envForElectronHeaders();
  try {
    // From source: prebuilt Electron binaries come from GitHub, which not every machine reaches.
    await rebuild({
      buildPath: workDir,
      electronVersion,
      arch,
      onlyModules: ['better-sqlite3'],
      force: true,
      buildFromSource: true,
    });
    return true;
  } catch (err) {
    console.warn(
      `[native] @electron/rebuild failed (${err instanceof Error ? err.message : String(err)}); trying node-gyp`,
    );
    return false;
  } finally {
    process.env = saved;
  }
}

function buildWithNodeGyp(moduleDir, electronVersion, arch) {
  console.log(`[native] node-gyp: better-sqlite3 for Electron ${electronVersion} (${arch})`);
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const result = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      `--dist-url=${ELECTRON_HEADERS_URL}`,
    ],
    { cwd: moduleDir, stdio: 'inherit', env: envForElectronHeaders() },
  );
  if (result.status !== 0) throw new Error(`node-gyp exited with ${result.status ?? result.signal}`);
}

export async function buildNativeForElectron({ force = process.argv.includes('--force') } = {}) {
  const electronVersion = targetElectronVersion();
  const arch = argValue('arch') ?? process.arch;
  const sourceDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const betterSqlite3Version = readJson(path.join(sourceDir, 'package.json')).version;
  const outDir = path.join(ROOT, '.native', `electron-${electronVersion}`);
  const manifestPath = path.join(outDir, 'manifest.json');
  const manifest = {
    electronVersion,
    platform: process.platform,
    arch,
    betterSqlite3Version,
    binding: BINDING_FILE,
  };

  if (!force && existsSync(manifestPath) && existsSync(path.join(outDir, BINDING_FILE))) {
    const existing = readJson(manifestPath);
    if (Object.entries(manifest).every(([key, value]) => existing[key] === value)) {
      console.log(`[native] up to date: ${path.relative(ROOT, outDir)} (better-sqlite3 ${betterSqlite3Version})`);
      return { outDir, isRebuilt: false };
    }
  }

  // A throwaway project holding a copy of the package, so node_modules stays built for Node.
  const workDir = path.join(ROOT, '.cache', 'native-build', `electron-${electronVersion}-${process.platform}-${arch}`);
  const moduleDir = path.join(workDir, 'node_modules', 'better-sqlite3');
  rmSync(workDir, { recursive: true, force: true });
  cpSync(sourceDir, moduleDir, {
    recursive: true,
    filter: (src) => path.relative(sourceDir, src).split(path.sep)[0] !== 'build',
  });
  writeFileSync(
    path.join(workDir, 'package.json'),
    JSON.stringify({ name: 'native-build', private: true, dependencies: { 'better-sqlite3': betterSqlite3Version } }),
  );

  const builder = (await buildWithElectronRebuild(workDir, electronVersion, arch)) ? '@electron/rebuild' : 'node-gyp';
  if (builder === 'node-gyp') buildWithNodeGyp(moduleDir, electronVersion, arch);

  const built = path.join(moduleDir, 'build', 'Release', BINDING_FILE);
  if (!existsSync(built)) throw new Error(`the build finished but ${built} does not exist`);
  mkdirSync(outDir, { recursive: true });
  rmSync(manifestPath, { force: true });
  copyFileSync(built, path.join(outDir, `${BINDING_FILE}.tmp`));
  renameSync(path.join(outDir, `${BINDING_FILE}.tmp`), path.join(outDir, BINDING_FILE));
  // The manifest is written last: its presence means the binary next to it is complete.
  writeFileSync(
    manifestPath,
    JSON.stringify({ ...manifest, builder, builtAt: new Date().toISOString() }, null, 2) + '\n',
  );
  rmSync(workDir, { recursive: true, force: true });
  console.log(`[native] wrote ${path.relative(ROOT, path.join(outDir, BINDING_FILE))} (${builder})`);
  return { outDir, isRebuilt: true };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildNativeForElectron();
  } catch (err) {
    console.error(
      `[native] FAILED to build better-sqlite3 for Electron: ${err instanceof Error ? err.message : String(err)}`,
    );
    console.error(
      '[native] Needs: a C++ toolchain (python3, make, g++ / Xcode CLT / MSVC) and network access to electronjs.org.',
    );
    process.exit(1);
  }
}
