// Dev-only visual check: drives the Vite dev server with the fake bridge in Debian's Chromium and
// saves PNGs to test-results/renderer-dev/. Usage: node renderer/scripts/screenshots.mjs [baseUrl] [only]
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../test/e2e/support/chromiumArgs.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:5199';
const only = process.argv[3];
const out = new URL('../../test-results/renderer-dev/', import.meta.url).pathname;

const browser = await chromium.launch(chromiumLaunchOptions());

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

  // New inbox screens (message actions, attachments, panels).
  const ownBubble = (page) =>
    page.locator('[data-testid="message-bubble"]', { hasText: 'Sending from the train' }).first();
  await shot('11-message-menu', scheme, '', async (page) => {
    await openShowcase(page);
    await ownBubble(page).click({ button: 'right' });
  });
  await shot('12-emoji-picker', scheme, '', async (page) => {
    await openShowcase(page);
    const bubble = page.locator('[data-testid="message-bubble"]', { hasText: 'Updated the agenda' }).first();
    await bubble.hover();
    await bubble.locator('button[aria-label="React"]').click();
  });
  await shot('13-edit-mode', scheme, '', async (page) => {
    await openShowcase(page);
    await ownBubble(page).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await page.keyboard.type(' (edited)');
  });
  await shot('14-forward-dialog', scheme, '', async (page) => {
    await openShowcase(page);
    await ownBubble(page).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Forward…' }).click();
    await page.fill('[data-testid="forward-search"]', 'a');
  });
  await shot('15-delete-confirm', scheme, '', async (page) => {
    await openShowcase(page);
    await ownBubble(page).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Delete for everyone…' }).click();
  });
  await shot('16-attachment-image', scheme, '', async (page) => {
    await openShowcase(page);
    const png = await page.evaluate(() => {
      const canvas = globalThis.document.createElement('canvas');
      Object.assign(canvas, { width: 800, height: 520 });
      const g = canvas.getContext('2d');
      const sky = g.createLinearGradient(0, 0, 0, 520);
      sky.addColorStop(0, '#8ec5fc');
      sky.addColorStop(1, '#e0c3fc');
      g.fillStyle = sky;
      g.fillRect(0, 0, 800, 520);
      g.fillStyle = '#2d6a4f';
      g.beginPath();
      g.moveTo(0, 520);
      g.lineTo(260, 240);
      g.lineTo(420, 400);
      g.lineTo(580, 200);
      g.lineTo(800, 520);
      g.fill();
      g.fillStyle = '#ffd166';
      g.beginPath();
      g.arc(640, 110, 50, 0, Math.PI * 2);
      g.fill();
      return canvas.toDataURL('image/png').split(',')[1];
    });
    await page.setInputFiles('[data-testid="attach-input"]', {
      name: 'whiteboard.png',
      mimeType: 'image/png',
      buffer: Buffer.from(png, 'base64'),
    });
    await page.fill('[data-testid="attachment-caption"]', 'Whiteboard from today');
  });
  await shot('17-attachment-too-large', scheme, '', async (page) => {
    await openShowcase(page);
    await page.setInputFiles('[data-testid="attach-input"]', {
      name: 'site-visit.mov',
      mimeType: 'video/quicktime',
      buffer: Buffer.alloc(11 * 1024 * 1024, 1),
    });
  });
  await shot('18-contact-panel', scheme, '', async (page) => {
    await page.click('[data-testid="account-work"]');
    await page.locator('[data-testid="chat-row"]', { hasText: 'Mum' }).first().click();
    await page.click('[data-testid="conversation-header"]');
    await page.fill('[data-testid="alias-input"]', 'Jonas (plumber)');
  });
  await shot('19-group-panel', scheme, '', async (page) => {
    await openShowcase(page);
    await page.click('[data-testid="conversation-header"]');
  });
  await shot('20-new-chat', scheme, '', async (page) => {
    await page.click('[data-testid="account-work"]');
    await page.click('[data-testid="new-chat"]');
    await page.keyboard.type('0151 23456789');
  });
  await shot('20b-new-chat-search', scheme, '', async (page) => {
    await page.click('[data-testid="account-work"]');
    await page.click('[data-testid="new-chat"]');
    await page.keyboard.type('ma');
  });
  await shot('21-account-menu', scheme, '', async (page) => {
    await page.click('[data-testid="account-work"]');
    await page.click('[data-testid="account-menu-button"]');
  });
  await shot('22-remove-account', scheme, '', async (page) => {
    await page.click('[data-testid="account-personal"]', { button: 'right' });
    await page.click('[data-testid="account-menu-remove"]');
    await page.click('[data-testid="delete-archive-checkbox"]');
  });
  await shot('23-media-recovery', scheme, '', async (page) => {
    await page.click('[data-testid="account-work"]');
    await page.click('[data-testid="open-media-recovery-rail"]');
  });
  await shot('24-media-recovery-progress', scheme, '', async (page) => {
    await page.click('[data-testid="account-work"]');
    await page.click('[data-testid="open-media-recovery-rail"]');
    await page.click('[data-testid="retry-all-media"]');
    await page.waitForTimeout(2600);
  });
  await shot('25-sync-panel', scheme, '', async (page) => {
    await page.click('[data-testid="account-work"]');
    await page.click('[data-testid="open-sync-panel"]');
  });
  await shot('25b-sync-panel-inferred', scheme, '', async (page) => {
    await page.click('[data-testid="account-personal"]');
    await page.click('[data-testid="open-sync-panel"]');
  });
  await shot('26-help', scheme, '', async (page) => {
    await page.keyboard.press('Shift+Slash');
  });
  await shot('28-drop-target', scheme, '', async (page) => {
    await openShowcase(page);
    await page.locator('.conversation-column').evaluate((el) => {
      const data = new globalThis.DataTransfer();
      data.items.add(new globalThis.File(['x'], 'plan.pdf', { type: 'application/pdf' }));
      el.dispatchEvent(new globalThis.DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: data }));
    });
  });
  await shot('29-failed-media-bubble', scheme, '', async (page) => {
    await openShowcase(page);
    for (let i = 0; i < 3; i++) {
      await page.locator('[data-testid="message-bubble"]', { hasText: 'Old screenshot' }).scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
    }
  });
  await shot('22b-logout-confirm', scheme, '', async (page) => {
    await page.click('[data-testid="account-work"]');
    await page.click('[data-testid="account-menu-button"]');
    await page.click('[data-testid="account-menu-logout"]');
  });
  await shot('27-archive-reach', scheme, '', async (page) => {
    await page.click('[data-testid="account-work"]');
    await page.locator('[data-testid="chat-row"]', { hasText: 'Mum' }).first().click();
    for (let i = 0; i < 8; i++) {
      await page.locator('[data-testid="timeline"]').evaluate((el) => (el.scrollTop = 0));
      await page.waitForTimeout(250);
    }
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
