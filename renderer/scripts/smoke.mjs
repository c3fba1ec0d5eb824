/* global document -- used inside page.evaluate callbacks, which run in the browser */
// Dev-only behaviour check against the fake bridge (`vite` dev server): keyboard shortcuts,
// sending with Enter, persisted drafts, media download, chat actions. Usage: node renderer/scripts/smoke.mjs [baseUrl]
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../test/e2e/support/chromiumArgs.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:5199';
const browser = await chromium.launch(chromiumLaunchOptions());
let page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
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

// --- Message actions, attachments, panels (each on a fresh page: the fake world starts over) ---
// A new context: the fake world restarts its sequence numbers, so the old cache must go too.
const fresh = async () => {
  await page.context().close();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(`${base}/?fake=1&quiet=1`);
  await waitCheck('quick reaction shows under the bubble', '[data-testid="chat-row"]');
  await page.click('[data-testid="account-work"]');
  await page.locator('[data-testid="chat-row"]', { hasText: 'Design Team' }).first().click();
  await page.waitForSelector('[data-testid="message-bubble"]');
};
const waitCheck = async (name, selector, timeout) =>
  check(
    name,
    await page.waitForSelector(selector, { timeout }).then(
      () => true,
      () => false,
    ),
  );
const bubbleWith = (text) => page.locator('[data-testid="message-bubble"]', { hasText: text }).first();

await fresh();
await bubbleWith('Updated the agenda').click({ button: 'right' });
await page.click('[data-testid="react-👍"]');
await page.waitForSelector(
  '.message-row:has-text("Updated the agenda") [data-testid="reactions"]:has-text("👍")',
  3000,
);

await bubbleWith('Sending from the train').click({ button: 'right' });
await page.getByRole('menuitem', { name: 'Edit' }).click();
check(
  'edit puts the text in the composer',
  (await page.inputValue('[data-testid="composer-input"]')).includes('train'),
);
await page.keyboard.press('Escape');
await page.waitForTimeout(200);
check('Esc cancels editing', (await page.locator('[data-testid="edit-chip"]').count()) === 0);
await bubbleWith('Sending from the train').focus();
await page.keyboard.press('e');
await page.fill('[data-testid="composer-input"]', 'Sending from the bus');
await page.keyboard.press('Enter');
await waitCheck(
  'edit saves and shows "Edited"',
  '[data-testid="message-bubble"]:has-text("Sending from the bus") .bubble-edited',
  3000,
);

await bubbleWith('Sending from the bus').click({ button: 'right' });
await page.getByRole('menuitem', { name: 'Delete for everyone…' }).click();
check('delete asks first', (await page.locator('[data-testid="delete-dialog"]').count()) === 1);
await page.keyboard.press('Tab');
check(
  'focus stays inside the dialog',
  await page.evaluate(() => !!document.activeElement?.closest('[data-testid="delete-dialog"]')),
);
await page.click('[data-testid="confirm-button"]');
await page.waitForTimeout(700);
check('delete for everyone removes the text', (await bubbleWith('Sending from the bus').count()) === 0);

await bubbleWith('Forwarding this').click({ button: 'right' });
await page.getByRole('menuitem', { name: 'Forward…' }).click();
await page.fill('[data-testid="forward-search"]', 'Mum');
await page.click('[data-testid="forward-target"]');
await page.waitForTimeout(300);
check('forward dialog closes after sending', (await page.locator('[data-testid="forward-dialog"]').count()) === 0);

await bubbleWith('This one did not make it').locator('..').locator('[data-testid="retry-send"]').click();
await page.waitForTimeout(900);
check('retry re-sends a failed message', (await page.locator('[data-testid="retry-send"]').count()) === 0);

await page.setInputFiles('[data-testid="attach-input"]', {
  name: 'notes.txt',
  mimeType: 'text/plain',
  buffer: Buffer.from('hello'),
});
await page.fill('[data-testid="attachment-caption"]', 'the notes');
await page.click('[data-testid="attachment-send"]');
await waitCheck(
  'attachment appears as a bubble from events',
  '[data-testid="message-bubble"][data-kind="media"]:has-text("notes.txt")',
  3000,
);
await page.setInputFiles('[data-testid="attach-input"]', {
  name: 'big.bin',
  mimeType: 'application/octet-stream',
  buffer: Buffer.alloc(11 * 1024 * 1024),
});
check(
  'oversized attachment is refused in words',
  (await page.locator('[data-testid="attachment-error"]').count()) === 1,
);
await page.keyboard.press('Escape');
await page.waitForTimeout(200);
check('Esc closes the attachment dialog', (await page.locator('[data-testid="attachment-dialog"]').count()) === 0);

await page.locator('[data-testid="chat-row"]', { hasText: 'Mum' }).first().click();
await page.click('[data-testid="conversation-header"]');
await page.fill('[data-testid="alias-input"]', 'Mama');
await page.click('[data-testid="alias-save"]');
await waitCheck(
  'clearing the alias falls back to the phone book name',
  '[data-testid="contact-best-name"]:has-text("Mama")',
  { timeout: 3000 },
);
check('alias becomes the best name', (await page.locator('[data-testid="chat-row"]', { hasText: 'Mama' }).count()) > 0);
await page.click('[data-testid="alias-clear"]');
await page.waitForSelector('[data-testid="contact-best-name"]:has-text("Petra Fischer")', 3000);

await page.keyboard.press('Alt+n');
await page.keyboard.type('+44 20 7946 0958');
await page.click('[data-testid="new-chat-number"]');
await waitCheck('new chat by number opens it', '[data-testid="conversation"] h2:has-text("+44 20 7946 0958")', 3000);

await page.click('[data-testid="open-media-recovery-rail"]');
await page.click('[data-testid="retry-all-media"]');
await waitCheck('retry all reports progress to the end', '[data-testid="retry-all-progress"]:has-text("Done")', 15000);
await page.keyboard.press('Escape');

await page.keyboard.press('Shift+Slash');
await page.waitForTimeout(200);
check('? opens the shortcut help', (await page.locator('[data-testid="help-dialog"]').count()) === 1);
await page.keyboard.press('Escape');
check('document title carries the unread count', /^\(\d+\) WA Inbox$/.test(await page.title()));

console.log(JSON.stringify({ results, errors }, null, 2));
await browser.close();
process.exitCode = Object.values(results).every((r) => r === 'ok') && errors.length === 0 ? 0 : 1;
