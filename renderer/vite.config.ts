import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Runs in Node at build time, but needs nothing from node:* (the renderer lint zone forbids it).
const rendererRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);
const repoRoot = decodeURIComponent(new URL('..', import.meta.url).pathname);

/*
 * The built app is served with `script-src 'self'; style-src 'self'`: everything must be an
 * external file. `modulePreload.polyfill` would inject an inline script, and no asset is inlined
 * as a data: URL (fonts/images stay files).
 */
export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    // shared/ lives outside the Vite root.
    fs: { allow: [repoRoot] },
  },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    rolldownOptions: {
      // Libraries change less often than app code: a separate chunk keeps app updates small.
      output: { codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] } },
    },
  },
});
