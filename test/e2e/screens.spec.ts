import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startSimWorld, type SimWorld } from './support/simWorld.js';

/*
 * Every main screen of the real app (browser mode, demo entry, simulator), saved in both themes
 * to test-results/screens/<screen>-{light,dark}.png for review. Each step asserts what the screen
 * must show before it is captured, so a screenshot of a broken state fails the run instead.
 * One app process and one page for the whole file: the steps build on each other.
 */
test.describe.configure({ mode: 'serial' });

let world: SimWorld;
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  world = await startSimWorld();
  context = await browser.newContext();
  page = await context.newPage();
});
test.afterAll(async () => {
  await context.close();
  await world.stop();
});

/** Saves the screen in both themes (the app follows the system's color scheme). */
async function shot(name: string): Promise<void> {
  // Park the pointer in an empty corner: a hovered bubble would show its action bar.
  await page.mouse.move(1275, 795);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screens/${name}-${scheme}.png`, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const bubble = (text: string) => page.getByTestId('message-bubble').filter({ hasText: text });

test('first start, adding an account, QR and pairing code', async () => {
  await page.goto(world.app.loginUrl);
  await expect(page.getByTestId('add-first-account')).toBeVisible({ timeout: 20_000 });
  await shot('first-start');

  await page.getByTestId('add-first-account').click();
  await page.getByLabel('Account name').fill('Personal');
  await shot('add-account-dialog');

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('pairing-qr')).toBeVisible({ timeout: 45_000 });
  await shot('pairing-qr');

  await page.getByTestId('pairing-phone-link').click();
  const number = page.getByTestId('pairing-phone-input');
  await number.pressSequentially('555 01');
  await page.getByTestId('pairing-phone-submit').click();
  await expect(page.getByRole('alert').filter({ hasText: 'country code' })).toBeVisible();
  await shot('pairing-phone-number');
  await number.fill('');
  await number.pressSequentially(world.sim.account.pn);
  await page.getByTestId('pairing-phone-submit').click();
  const code = page.getByTestId('pairing-code');
  await expect(code).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/, { timeout: 15_000 });
  await shot('pairing-code');
  await world.sim.phone.enterPairingCode((await code.innerText()).replace(/[^0-9A-Z]/g, ''));
});

test('the inbox after history, with the sync banner', async () => {
  await expect(page.getByTestId('chat-row')).toHaveCount(6, { timeout: 30_000 });
  await expect(page.getByTestId('sync-banner')).toBeVisible();
  await shot('inbox-after-history');
});

test('a timeline with every kind of message', async () => {
  const ana = world.sim.contact('Ana Souza');
  const media = world.sim.media!;
  // One minute apart, as a conversation would be: messages of one second have no telling order.
  let minute = 0;
  const at = () => ({ timestampS: Math.floor(Date.now() / 1000) - 30 * 60 + 60 * minute++ });
  // `fromMe` is from Ana's side: her own messages are the targets of her quote, edit, revoke, reaction.
  const own = (id: string) => ({ id, fromMe: true });
  const greeting = await ana.send(
    {
      kind: 'extendedText',
      text: 'Menu for Saturday 🌽🍓 https://market.example.com/saturday',
      matchedText: 'https://market.example.com/saturday',
      title: 'Saturday market',
    },
    at(),
  );
  await media.send(ana, 'image', { caption: 'The stall 📸' }, at());
  await media.send(ana, 'voice', {}, at());
  await media.send(ana, 'document', { fileName: 'shopping-list.pdf' }, at());
  const place = { lat: -23.5417, lng: -46.6297, name: 'Mercado Municipal', address: 'R. da Cantareira, 306' };
  await ana.send({ kind: 'location', ...place }, at());
  await ana.send({ kind: 'contactCard', displayName: 'Bruno Lima', phone: '+1 555 010 2002' }, at());
  await ana.send({ kind: 'poll', name: 'Lunch after?', options: ['Pastel', 'Açaí', 'Both'] }, at());
  await ana.send(
    { kind: 'quoted', text: 'And this is the plan', quoted: own(greeting), quotedText: 'Menu for Saturday' },
    at(),
  );
  const typo = await ana.send({ kind: 'text', text: 'See you at 10 sharpp' }, at());
  await ana.send({ kind: 'edit', target: own(typo), text: 'See you at 10 sharp!' }, at());
  const oops = await ana.send({ kind: 'text', text: 'wrong chat, sorry' }, at());
  await ana.send({ kind: 'revoke', target: own(oops) }, at());
  await ana.sendMessage({ eventMessage: { name: 'Market day', isCanceled: false } }, at());
  await ana.send({ kind: 'reaction', emoji: '❤️', target: own(greeting) }, at());

  await page.getByTestId('chat-row').filter({ hasText: 'Ana Souza' }).click();
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('See you at 10 sharp!', { timeout: 20_000 });
  await expect(timeline).not.toContainText('wrong chat, sorry');
  await bubble('The stall').getByRole('button', { name: 'Download' }).click();
  await expect(bubble('The stall').locator('img[src^="/media/"]')).toBeVisible({ timeout: 20_000 });
  await expect(
    page.locator('.message-row', { has: bubble('Menu for Saturday') }).getByTestId('reactions'),
  ).toContainText('❤️');
  await timeline.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await shot('timeline-kinds');
  await timeline.evaluate((el) => (el.scrollTop = Math.max(0, el.scrollHeight - el.clientHeight - 650)));
  await shot('timeline-kinds-earlier');
  await timeline.evaluate((el) => (el.scrollTop = Math.max(0, el.scrollHeight - el.clientHeight - 1300)));
  await shot('timeline-kinds-earliest');
  await timeline.evaluate((el) => (el.scrollTop = el.scrollHeight));
});

test('the contact panel with name sources and an alias', async () => {
  await page.getByTestId('conversation-header').click();
  const panel = page.getByTestId('contact-panel');
  await expect(panel).toBeVisible();
  await page.getByTestId('alias-input').fill('Ana (market)');
  await page.getByTestId('alias-save').click();
  await expect(page.getByTestId('contact-best-name')).toHaveText('Ana (market)');
  await expect(page.getByTestId('contact-names')).toContainText('Ana Souza');
  await shot('contact-panel');
  await page.keyboard.press('Escape');
});

test('new chat dialog, search results, history sync panel', async () => {
  await page.getByTestId('new-chat').click();
  await page.keyboard.type('+49 151 2345');
  await shot('new-chat-dialog');
  await page.keyboard.press('Escape');

  await page.getByTestId('chat-search').click();
  await page.keyboard.type('market');
  await expect(page.getByTestId('search-results')).toBeVisible();
  // Message hits come from main's full-text index: wait for them, not for the "Searching…" line.
  await expect(page.getByTestId('search-message-hit').filter({ hasText: 'Menu for Saturday' })).toBeVisible();
  await shot('search-results');
  await page.getByTestId('chat-search').fill('');
  await page.keyboard.press('Escape');

  await page.getByTestId('open-sync-panel').click();
  await expect(page.getByTestId('sync-phase')).toBeVisible();
  await shot('history-sync-panel');
  await page.keyboard.press('Escape');
});

test('media recovery centre and keyboard shortcuts', async () => {
  const chen = world.sim.contact('Chen Wei');
  const media = world.sim.media!;
  const sent = await media.send(chen, 'image', { caption: 'old screenshot' });
  media.cdn.expire(sent.built.directPath, 404);
  media.retryOutcome = { kind: 'result', result: 'NOT_FOUND' };
  await page.getByTestId('chat-row').filter({ hasText: 'Chen Wei' }).click();
  await bubble('old screenshot').getByRole('button', { name: 'Download' }).click();
  await expect(bubble('old screenshot').getByTestId('media-failed')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('open-media-recovery-rail').click();
  await expect(page.getByTestId('media-recovery')).toContainText('Your phone no longer has this file');
  await shot('media-recovery-centre');
  await page.keyboard.press('Escape');

  await page.getByTestId('timeline').click();
  await page.keyboard.press('Shift+Slash');
  await expect(page.getByRole('dialog')).toContainText(/shortcut/i);
  await shot('keyboard-shortcuts');
  await page.keyboard.press('Escape');
});

test('storage settings, and clearing the media cache', async () => {
  await page.getByTestId('open-settings').click();
  await page.getByTestId('settings-nav-storage').click();
  await expect(page.getByTestId('storage-used')).toHaveText(/of 2 GB · 1 file$/);
  await shot('storage-settings');
  await page.getByTestId('storage-clear').click();
  await page.getByTestId('storage-clear-confirm').click();
  await expect(page.getByTestId('storage-used')).toHaveText('0 B of 2 GB · 0 files');
  await page.keyboard.press('Escape');

  // The photo Ana sent is still in the chat, with a way to get it back.
  await page.getByTestId('chat-row').filter({ hasText: 'Ana' }).click();
  const photo = bubble('The stall');
  await expect(photo.locator('[data-evicted="true"]')).toContainText('Removed to save space');
  await photo.scrollIntoViewIfNeeded();
  await shot('media-removed-to-save-space');
  await photo.getByRole('button', { name: 'Download' }).click();
  await expect(photo.locator('img[src^="/media/"]')).toBeVisible({ timeout: 20_000 });
});

test('a connection problem: the session was opened elsewhere', async () => {
  world.sim.faults.conflict();
  await expect(page.getByTestId('connection-banner')).toBeVisible({ timeout: 20_000 });
  await shot('connection-opened-elsewhere');
});
