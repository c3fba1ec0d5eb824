import { build } from 'esbuild';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./page.ts', import.meta.url));
const HTML =
  '<!doctype html><meta charset="utf-8"><title>cache bench</title><script type="module" src="/page.js"></script>';

export type CachePageServer = Readonly<{ url: string; close: () => Promise<void> }>;

/**
 * Bundles the bench page (the renderer's real cache modules + fixtures) and serves it on loopback:
 * IndexedDB needs a real origin, which `about:blank`/`setContent` does not give.
 */
export async function serveCachePage(): Promise<CachePageServer> {
  const bundle = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true, // as the production renderer build ships it
    write: false,
  });
  const js = bundle.outputFiles[0]?.text ?? '';
  const server = http.createServer((req, res) => {
    const isScript = req.url === '/page.js';
    res.writeHead(200, { 'content-type': isScript ? 'text/javascript' : 'text/html' });
    res.end(isScript ? js : HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
