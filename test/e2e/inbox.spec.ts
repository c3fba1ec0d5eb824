import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { readQrFromScreen } from './support/readQr.js';
import { startSimWorld, type SimWorld } from './support/simWorld.js';

/*
 * A new user against the simulator, end to end in Chromium: add an account, pair by reading the
 * QR off the screen, see history arrive, receive and answer messages. One app process for the
 * whole file, so the steps run in order.
 */
test.describe.configure({ mode: 'serial' });

let world: SimWorld;
let context: BrowserContext;
/** WhatsApp id of the contact's live message the user replies and reacts to. */
let questionId = '';
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
async function shot(name: string, target: Page = page): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await target.emulateMedia({ colorScheme: scheme });
    await target.screenshot({ path: `test-results/screens/${name}-${scheme}.png` });
  }
  await target.emulateMedia({ colorScheme: 'light' });
}

test('a new user adds an account and pairs it by scanning the QR on screen', async () => {
  await page.goto(world.app.loginUrl);
  await page.getByTestId('add-first-account').click();
  await page.getByLabel('Account name').fill('Personal');
  await page.getByRole('button', { name: 'Continue' }).click();
  const qr = page.getByTestId('pairing-qr');
  // The account's worker process starts and connects first; give a loaded machine time.
  await expect(qr).toBeVisible({ timeout: 45_000 });
  await shot('pairing-qr');
  const qrText = await readQrFromScreen(qr);
  expect(qrText).toMatch(/^[^,]+,[^,]+,[^,]+,[^,]+/);
  await world.sim.phone.scanQR(qrText);
  await expect(page.getByTestId('pairing-qr')).toBeHidden({ timeout: 30_000 });
});

test('chats appear from history while the banner reports the sync', async () => {
  const rows = page.getByTestId('chat-row');
  await expect(rows).toHaveCount(6, { timeout: 30_000 });
  await expect(page.getByTestId('chat-list')).toContainText('Ana Souza');
  // The demo phone sends two chunks and no RECENT one: every chunk is counted and applied, and the
  // banner says more may still arrive rather than claiming the sync is complete.
  const banner = page.getByTestId('sync-banner');
  await expect(banner).toContainText('2 chunks', { timeout: 15_000 });
  await expect(banner).toContainText('more may still arrive');
  await shot('inbox-after-history');
});

test('a contact with only an emoji push name still shows the number', async () => {
  // Push name "🌻" only: the chat is titled with the formatted number instead.
  const sunflower = page.getByTestId('chat-row').filter({ hasText: 'Beautiful!' });
  await expect(sunflower).toContainText('+1 555 010 2004');
});

test("a contact's message appears live and the reply is decrypted by the contact", async () => {
  const ana = world.sim.contact('Ana Souza');
  questionId = await ana.send({ kind: 'text', text: 'Are you there? 👋' });
  await page.getByTestId('chat-row').filter({ hasText: 'Ana Souza' }).click();
  await expect(page.getByTestId('timeline')).toContainText('Are you there? 👋', { timeout: 15_000 });
  await page.getByTestId('composer-input').fill('Yes, here!');
  await page.keyboard.press('Enter');
  const received = await ana.waitForMessage(
    (m) => (m.message.extendedTextMessage?.text ?? m.message.conversation) === 'Yes, here!',
    15_000,
  );
  expect(received).toBeTruthy();
  // The contact's delivery receipt gives two ticks; reading it turns them blue.
  const reply = page.getByTestId('message-bubble').filter({ hasText: 'Yes, here!' });
  await expect(reply.getByRole('img', { name: 'Delivered' })).toBeVisible({ timeout: 15_000 });
  ana.markRead([received.id]);
  await expect(reply.getByRole('img', { name: 'Read' })).toBeVisible({ timeout: 15_000 });
  await shot('timeline-after-reply');
});

test('the user quote-replies and reacts, and the contact decrypts exactly that', async () => {
  const ana = world.sim.contact('Ana Souza');
  // The contact's own bubble, not the reply that quotes it.
  const question = page
    .getByTestId('message-bubble')
    .filter({ hasText: 'Are you there? 👋', hasNot: page.getByTestId('quoted-block') });
  await question.hover();
  await question.getByRole('button', { name: 'Reply' }).click();
  await expect(page.getByTestId('reply-chip')).toBeVisible();
  await page.getByTestId('composer-input').fill('Quoting you');
  await page.keyboard.press('Enter');
  const quoted = await ana.waitForMessage((m) => m.message.extendedTextMessage?.text === 'Quoting you', 15_000);
  expect(quoted.message.extendedTextMessage?.contextInfo?.stanzaId).toBe(questionId);
  await expect(
    page.getByTestId('message-bubble').filter({ hasText: 'Quoting you' }).getByTestId('quoted-block'),
  ).toContainText('Are you there?');

  await question.hover();
  await question.getByRole('button', { name: 'React' }).click();
  await page.getByTestId('react-👍').first().click();
  const reaction = await ana.waitForMessage((m) => Boolean(m.message.reactionMessage), 15_000);
  expect(reaction.message.reactionMessage?.text).toBe('👍');
  expect(reaction.message.reactionMessage?.key?.id).toBe(questionId);
  // Reactions sit under the bubble, in its row.
  await expect(page.locator('.message-row', { has: question }).getByTestId('reactions')).toContainText('👍');
  // Exactly what the user did, nothing more: the reply, the quote and the reaction.
  expect(ana.received.map((m) => Object.keys(m.message).filter((k) => k !== 'messageContextInfo'))).toEqual([
    ['extendedTextMessage'],
    ['extendedTextMessage'],
    ['reactionMessage'],
  ]);
  await shot('timeline-quote-and-reaction');
});

test('an expired image shows why, and asking the phone to re-upload brings it back', async () => {
  const bruno = world.sim.contact('Bruno Lima');
  const sent = await world.sim.media!.send(bruno, 'image', { caption: 'the receipt photo' });
  world.sim.media!.cdn.expire(sent.built.directPath, 410);
  // The app asks the phone by itself when the CDN says 410; this first answer is an error.
  world.sim.media!.retryOutcome = { kind: 'error', code: 2 };
  await page.getByTestId('chat-row').filter({ hasText: 'Bruno Lima' }).click();
  const bubble = page.getByTestId('message-bubble').filter({ hasText: 'the receipt photo' });
  await bubble.getByRole('button', { name: 'Download' }).click();
  await expect(bubble.getByTestId('media-failed')).toContainText('Your phone could not re-upload this file', {
    timeout: 20_000,
  });
  await shot('media-failed');
  world.sim.media!.retryOutcome = { kind: 'success' };
  await bubble.getByRole('button', { name: 'Ask phone to re-upload' }).click();
  await expect(bubble.locator('img[src^="/media/"]')).toBeVisible({ timeout: 20_000 });
  expect(world.sim.media!.retries.map((r) => r.reply !== undefined)).toEqual([true, true]);
  await shot('media-recovered');
});

test('a file the phone no longer has is explained in the media recovery centre', async () => {
  const chen = world.sim.contact('Chen Wei');
  const sent = await world.sim.media!.send(chen, 'image', { caption: 'old screenshot' });
  world.sim.media!.cdn.expire(sent.built.directPath, 404);
  world.sim.media!.retryOutcome = { kind: 'result', result: 'NOT_FOUND' };
  await page.getByTestId('chat-row').filter({ hasText: 'Chen Wei' }).click();
  const bubble = page.getByTestId('message-bubble').filter({ hasText: 'old screenshot' });
  await bubble.getByRole('button', { name: 'Download' }).click();
  await expect(bubble.getByTestId('media-failed')).toContainText('Your phone no longer has this file', {
    timeout: 20_000,
  });
  await bubble.getByTestId('open-media-recovery').click();
  const centre = page.getByTestId('media-recovery');
  await expect(centre).toContainText('Your phone no longer has this file');
  await shot('media-recovery-centre');
  await page.keyboard.press('Escape');
});

test('after a reload with the bridge blocked, the chats and the last timeline still show from the cache', async () => {
  // Accept the WebSocket in the browser but never connect it to the app: main is unreachable.
  await page.routeWebSocket(/\/bridge$/, (ws) => ws.close());
  await page.reload();
  await expect(page.getByTestId('chat-row')).toHaveCount(6);
  // The chat open before the reload (the last test's) comes back from the cache too.
  await expect(page.getByTestId('timeline')).toContainText('old screenshot');
  await expect(page.getByTestId('bridge-status')).toBeVisible();
  await shot('offline-from-cache');
});

test('with the bridge back, the account is still linked: no re-pairing', async () => {
  const fresh = await context.newPage(); // same browser profile (cookie, IndexedDB), no WebSocket route
  await fresh.goto(world.app.origin);
  await expect(fresh.getByTestId('chat-row')).toHaveCount(6);
  await expect(fresh.getByTestId('pairing-qr')).toHaveCount(0);
  await expect(fresh.getByTestId('bridge-status')).toBeHidden({ timeout: 15_000 });
  await world.sim.contact('Chen Wei').send({ kind: 'text', text: 'still connected?' });
  await expect(fresh.getByTestId('chat-row').filter({ hasText: 'Chen Wei' })).toContainText('still connected?', {
    timeout: 15_000,
  });
  await fresh.close();
});
