/* global document -- used inside page.evaluate callbacks, which run in the browser */
// Dev-only behaviour check against the fake bridge (`vite` dev server): keyboard shortcuts,
// sending with Enter, persisted drafts, media download, chat actions. Usage: node renderer/scripts/smoke.mjs [baseUrl]
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:5199';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const errors = [];
page.on('pageerror', (err) => errors.push(String(err)));
const results = {};
const check = (name, ok) => (results[name] = ok ? 'ok' : 'FAILED');

await page.goto(`${base}/?fake=1&quiet=1`);
await page.waitForSelector('[data-testid="chat-row"]');
await page.keyboard.press('Control+k');
check('ctrl+k focuses search', await page.evaluate(() => document.activeElement?.id === 'chat-search'));
await page.keyboard.press('Escape');
await page.locator('body').click({ position: { x: 900, y: 400 } });
await page.keyboard.press('Alt+ArrowDown');
await page.waitForSelector('[data-testid="conversation"]');
const first = await page.getAttribute('[data-testid="chat-row"][aria-selected="true"]', 'data-chat-id');
await page.keyboard.press('Alt+ArrowDown');
await page.waitForTimeout(200);
const second = await page.getAttribute('[data-testid="chat-row"][aria-selected="true"]', 'data-chat-id');
check('alt+down moves to the next chat', first && second && first !== second);

await page.fill('[data-testid="composer-input"]', 'line one');
await page.keyboard.press('Shift+Enter');
await page.keyboard.type('line two');
check('shift+enter adds a newline', (await page.inputValue('[data-testid="composer-input"]')) === 'line one\nline two');
await page.keyboard.press('Enter');
await page.waitForSelector('[data-testid="message-bubble"]:has-text("line two")');
check('enter sends and the bubble appears', true);
check('composer cleared after send', (await page.inputValue('[data-testid="composer-input"]')) === '');
await page.waitForTimeout(3800);
check(
  'ticks reach read',
  (await page.locator('[data-testid="message-bubble"]:has-text("line two") [aria-label="Read"]').count()) === 1,
);

await page.fill('[data-testid="composer-input"]', 'unsent draft');
await page.reload();
await page.waitForSelector('[data-testid="composer-input"]');
check('draft survives reload', (await page.inputValue('[data-testid="composer-input"]')) === 'unsent draft');

await page.click('[data-testid="account-work"]');
await page.locator('[data-testid="chat-row"]', { hasText: 'Design Team' }).first().click();
const doc = page.locator('[data-testid="message-bubble"][data-kind="media"]', { hasText: 'Q3-roadmap.pdf' });
await doc.scrollIntoViewIfNeeded();
await doc.locator('button[aria-label="Download"]').click();
await page.waitForSelector('[data-testid="message-bubble"]:has-text("Q3-roadmap.pdf") [data-media-status="ready"]', {
  timeout: 5000,
});
check('media download reaches ready', true);

const row = page.locator('[data-testid="chat-row"]').nth(3);
const title = await row.getAttribute('aria-label');
await row.click({ button: 'right' });
await page.click('[data-testid="chat-actions-menu"] >> text=Archive chat');
await page.waitForTimeout(500);
check(
  'archive removes the chat from the list',
  (await page.locator(`[data-testid="chat-row"][aria-label="${title}"]`).count()) === 0,
);

const spacerHeight = () =>
  page.locator('[data-testid="timeline"] .virtual-spacer').evaluate((el) => el.getBoundingClientRect().height);
const heightBefore = await spacerHeight();
await page.locator('[data-testid="timeline"]').evaluate((el) => (el.scrollTop = 0));
await page.waitForTimeout(1000);
const heightAfter = await spacerHeight();
const scrollTop = await page.locator('[data-testid="timeline"]').evaluate((el) => el.scrollTop);
check('scrolling up prepends an older page', heightAfter > heightBefore);
check('reading position kept after prepend (not left at top)', scrollTop > 200);

console.log(JSON.stringify({ results, errors }, null, 2));
await browser.close();
process.exitCode = Object.values(results).every((r) => r === 'ok') && errors.length === 0 ? 0 : 1;
