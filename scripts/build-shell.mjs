// Bundles the Electron shell: main process (ESM, Node) and preload (CommonJS: a sandboxed preload
// is loaded by Electron's own loader, which does not support ES modules).
// Usage: `node scripts/build-shell.mjs`, or `import { buildShell } from './build-shell.mjs'`.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHELL_SRC = path.join(ROOT, 'electron', 'shell');

/** @param {{ outDir?: string, minify?: boolean }} [options] */
export async function buildShell(options = {}) {
  const outDir = options.outDir ?? path.join(ROOT, 'dist', 'electron', 'shell');
  const common = {
    bundle: true,
    sourcemap: true,
    minify: options.minify ?? false,
    logLevel: 'warning',
    absWorkingDir: ROOT,
  };
  const [main, preload] = await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(SHELL_SRC, 'main.ts')],
      outfile: path.join(outDir, 'main.js'),
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Dependencies (pino, better-sqlite3, Baileys…) load from node_modules at runtime; our own
      // core and shared code is bundled in.
      packages: 'external',
      metafile: true,
    }),
    build({
      ...common,
      entryPoints: [path.join(SHELL_SRC, 'preload.ts')],
      outfile: path.join(outDir, 'preload.cjs'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // The sandboxed preload's `require` only knows electron and a few builtins; bundle the rest.
      external: ['electron'],
      metafile: true,
    }),
  ]);
  return { outDir, inputs: { main: Object.keys(main.metafile.inputs), preload: Object.keys(preload.metafile.inputs) } };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outDir } = await buildShell();
  console.log(`[build-shell] wrote ${path.relative(ROOT, outDir)}/main.js and preload.cjs`);
}
