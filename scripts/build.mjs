// Builds everything `npm start` and the e2e tests run: the renderer (vite), the Node core entries
// (esbuild, dependencies left in node_modules so Baileys is one module instance) and the Electron
// shell. Usage: node scripts/build.mjs [--core-only]
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Entry points of the Node core. The demo entry is a separate bundle: production never contains it. */
export const CORE_ENTRIES = {
  browserMain: 'electron/core/main/browserMain.ts',
  workerMain: 'electron/core/session/workerMain.ts',
  demoMain: 'electron/core/main/demoMain.ts',
  // Under test/ because it imports test/sim, which the core's TypeScript project cannot include.
  demoWorkerMain: 'test/core/process/demoWorkerMain.ts',
};

export async function buildCore() {
  const entryPoints = Object.fromEntries(
    Object.entries(CORE_ENTRIES).filter(([, path]) => existsSync(join(root, path))),
  );
  await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir: 'dist/core',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

export async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

export async function buildAll({ coreOnly = false } = {}) {
  await buildCore();
  if (coreOnly) return;
  await buildRenderer();
  const shellBuilder = join(root, 'scripts/build-shell.mjs');
  if (existsSync(shellBuilder)) {
    const { buildShell } = await import(pathToFileURL(shellBuilder).href);
    await buildShell();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  await buildAll({ coreOnly: process.argv.includes('--core-only') });
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
