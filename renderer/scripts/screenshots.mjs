// Dev-only visual check: drives the Vite dev server with the fake bridge in Debian's Chromium and
// saves PNGs to test-results/renderer-dev/. Usage: node renderer/scripts/screenshots.mjs [baseUrl] [only]
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:5199';
const only = process.argv[3];
const out = new URL('../../test-results/renderer-dev/', import.meta.url).pathname;

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

async function shot(name, scheme, query, act) {
  if (only && !name.includes(only)) return;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`${base}/?fake=1&quiet=1${query}`);
  await page.waitForSelector('[data-testid="chat-list"], [data-testid="pairing-view"]', { timeout: 15000 });
  await page.waitForTimeout(600);
  if (act) await act(page);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}${name}-${scheme}.png` });
  if (errors.length) console.log(name, scheme, 'errors:', errors.slice(0, 5));
  await context.close();
}

const openShowcase = async (page) => {
  await page.click('[data-testid="account-work"]');
  await page.waitForTimeout(300);
  await page.locator('[data-testid="chat-row"]', { hasText: 'Design Team' }).first().click();
  await page.waitForSelector('[data-testid="message-bubble"]');
};

for (const scheme of ['light', 'dark']) {
  await shot('01-inbox-all', scheme, '', async (page) => {
    await page.locator('[data-testid="chat-row"]').nth(1).click();
  });
  await shot('02-timeline-showcase', scheme, '', openShowcase);
  await shot('03-timeline-showcase-top', scheme, '', async (page) => {
    await openShowcase(page);
    await page
      .locator('[data-testid="timeline"]')
      .evaluate((el) => (el.scrollTop = el.scrollHeight - el.clientHeight - 900));
  });
  await shot('03b-timeline-showcase-media', scheme, '', async (page) => {
    await openShowcase(page);
    await page
      .locator('[data-testid="timeline"]')
      .evaluate((el) => (el.scrollTop = el.scrollHeight - el.clientHeight - 1750));
    await page.waitForTimeout(300);
    await page
      .locator('[data-testid="timeline"]')
      .evaluate((el) => (el.scrollTop = el.scrollHeight - el.clientHeight - 1750));
  });
  await shot('04-pairing-qr', scheme, '', async (page) => {
    await page.click('[data-testid="account-shop"]');
    await page.waitForSelector('[data-testid="pairing-qr"]');
  });
  await shot('05-logged-out', scheme, '&conn=loggedOut', async (page) => {
    await page.click('[data-testid="account-personal"]');
  });
  await shot('06-search', scheme, '', async (page) => {
    await page.keyboard.press('Control+k');
    await page.keyboard.type('deck');
    await page.waitForTimeout(600);
  });
  await shot('07-reply-and-menu', scheme, '', async (page) => {
    await openShowcase(page);
    const bubble = page.locator('[data-testid="message-bubble"][data-kind="poll"]');
    await bubble.hover();
    await bubble.locator('button[aria-label="Reply"]').click();
    await page.fill('[data-testid="composer-input"]', 'Vietnamese gets my vote 🍜');
    await page.locator('[data-testid="chat-row"]').nth(2).click({ button: 'right' });
  });
}
await shot('08-qr-expired', 'light', '&qr=expired', async (page) => {
  await page.click('[data-testid="account-shop"]');
  await page.waitForTimeout(21000);
});
await shot('09-opened-elsewhere', 'dark', '&conn=openedElsewhere', async (page) => {
  await page.click('[data-testid="account-personal"]');
});
await shot('10-untrusted', 'light', '&conn=untrustedServer', async (page) => {
  await page.click('[data-testid="account-personal"]');
});
await browser.close();
