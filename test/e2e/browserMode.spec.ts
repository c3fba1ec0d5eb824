import { createServer, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { freePort, startBrowserModeProcess, type BrowserModeProcess } from './browserModeProcess.js';

let app: BrowserModeProcess;

test.beforeAll(async () => {
  app = await startBrowserModeProcess();
});
test.afterAll(async () => {
  await app.stop();
});

test('the login address opens the inbox and the token leaves the address bar', async ({ page }) => {
  await page.goto(app.loginUrl);
  await expect(page).toHaveURL(`${app.origin}/`);
  await expect(page.locator('#root')).not.toBeEmpty();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'wa_inbox_session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Strict');
  await page.screenshot({ path: 'test-results/screens/browser-mode-first-start.png' });
});

test('a command round-trips over the bridge from the page', async ({ page }) => {
  await page.goto(app.loginUrl);
  const answer = await page.evaluate(async () => {
    const socket = new WebSocket(`ws://${location.host}/bridge`);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    return new Promise<unknown>((resolve) => {
      socket.onmessage = (event) => {
        const frame = JSON.parse(String(event.data)) as { t: string; id: number; result: unknown };
        if (frame.t === 'res' && frame.id === 42) resolve(frame.result);
      };
      socket.send(JSON.stringify({ t: 'cmd', id: 42, name: 'app.ping', input: { nonce: 'from-the-page' } }));
    });
  });
  expect(answer).toMatchObject({ ok: true, value: { nonce: 'from-the-page' } });
});

test('a page without the session is shown the locked page, not the app', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${app.origin}/`);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'This inbox is locked' })).toBeVisible();
  const wrongToken = await page.goto(`${app.origin}/auth?token=not-the-token`);
  expect(wrongToken?.status()).toBe(401);
  await context.close();
});

test.describe('a foreign origin', () => {
  let evil: Server;
  let evilOrigin: string;

  test.beforeAll(async () => {
    const port = await freePort();
    evil = createServer((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>evil</title>'),
    );
    await new Promise<void>((resolve) => evil.listen(port, '127.0.0.1', resolve));
    evilOrigin = `http://127.0.0.1:${port}`;
  });
  test.afterAll(async () => {
    await new Promise<void>((resolve) => evil.close(() => resolve()));
  });

  test('cannot open the bridge or read pages even in a logged-in browser', async ({ page }) => {
    await page.goto(app.loginUrl); // the browser now holds a valid session cookie
    await page.goto(evilOrigin);
    const outcome = await page.evaluate(async (target) => {
      const ws = await new Promise<string>((resolve) => {
        const socket = new WebSocket(`${target.replace('http', 'ws')}/bridge`);
        socket.onopen = () => resolve('open');
        socket.onerror = () => resolve('refused');
      });
      const read = await fetch(`${target}/`, { credentials: 'include' }).then(
        (res) => `status ${res.status}`,
        () => 'blocked',
      );
      return { ws, read };
    }, app.origin);
    expect(outcome.ws).toBe('refused');
    // Same site (127.0.0.1), so the cookie rides along: the server's Origin check refuses, CORS hides the rest.
    expect(outcome.read).toBe('blocked');
  });
});
