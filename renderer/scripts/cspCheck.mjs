// Dev-only: serves the BUILT renderer (dist/renderer) with the production CSP and checks in
// Chromium that nothing is blocked. No backend: the app must render and say it is reconnecting.
// Usage: npx vite build --config renderer/vite.config.ts && node renderer/scripts/cspCheck.mjs
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../test/e2e/support/chromiumArgs.mjs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

// Same policy as electron/core/server/securityHeaders.ts (RENDERER_CSP).
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const root = new URL('../../dist/renderer/', import.meta.url).pathname;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
  try {
    const body = await readFile(join(root, path === '' ? 'index.html' : path));
    res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'text/html', 'Content-Security-Policy': CSP });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const violations = [];
page.on('console', (msg) => /Content Security Policy|Refused to/i.test(msg.text()) && violations.push(msg.text()));
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForSelector('[data-testid="bridge-status"]', { timeout: 10_000 });
const status = await page.textContent('[data-testid="bridge-status"]');
await page.screenshot({
  path: new URL('../../test-results/renderer-dev/11-built-app-no-backend-light.png', import.meta.url).pathname,
});
console.log(JSON.stringify({ status, violations }, null, 2));
await browser.close();
server.close();
process.exitCode = violations.length === 0 ? 0 : 1;
