import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { Simulator } from '../sim/simulator.js';
import { readQrFromScreen } from './support/readQr.js';
import { startSimWorld, type SimWorld } from './support/simWorld.js';

/*
 * Two WhatsApp accounts in one window (issue #5), end to end in Chromium against two simulated
 * phones, Dana's personal and work phones, served on one simulator port (SimHost): each account's
 * QR is claimed by the phone that scans it, and each login is routed by its number. The user pairs
 * both, reads them together in "All accounts", switches between them, and answers on the right
 * one. Ana Souza is a contact on both phones (a separate Signal identity on each), so a reply sent
 * through the wrong account would reach the wrong Ana. One app process for the whole file.
 */
test.describe.configure({ mode: 'serial' });

let world: SimWorld;
let context: BrowserContext;
let page: Page;
let personalPhone: Simulator;
let workPhone: Simulator;

const PERSONAL_CHATS = 6;
const WORK_CHATS = 3;

test.beforeAll(async ({ browser }) => {
  world = await startSimWorld({ phones: 2 });
  [personalPhone, workPhone] = world.sims as [Simulator, Simulator];
  context = await browser.newContext();
  await context.grantPermissions(['notifications']);
  // Records the desktop notifications the page shows, as the OS would display them.
  await context.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
    const Real = window.Notification;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(`${title}: ${options?.body ?? ''}`);
      }
    }
    Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
    window.Notification = Recording;
  });
  page = await context.newPage();
});
test.afterAll(async () => {
  await context.close();
  await world.stop();
});

async function shot(name: string, target: Page = page): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await target.emulateMedia({ colorScheme: scheme });
    await target.screenshot({ path: `test-results/screens/${name}-${scheme}.png` });
  }
  await target.emulateMedia({ colorScheme: 'light' });
}

const railAccount = (name: string, target: Page = page) =>
  target.getByRole('navigation', { name: 'Accounts' }).getByRole('button', { name: new RegExp(`^${name} — `) });
const rows = (target: Page = page) => target.getByTestId('chat-row');
/** The chat row of `title` on the account labelled `account` (in the unified inbox). */
const rowOf = (title: string, account: string, target: Page = page) =>
  rows(target)
    .filter({ hasText: title })
    .filter({ has: target.getByTestId('account-chip').filter({ hasText: new RegExp(`^${account}$`) }) });

async function pairShownQr(phone: Simulator): Promise<void> {
  const qr = page.getByTestId('pairing-qr');
  // The account's worker process starts and connects first; give a loaded machine time.
  await expect(qr).toBeVisible({ timeout: 45_000 });
  await phone.phone.scanQR(await readQrFromScreen(qr));
  await expect(qr).toBeHidden({ timeout: 30_000 });
}

async function shownNotifications(): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);
}

test('the user pairs a personal account, then adds a work account from its own phone', async () => {
  await page.goto(world.app.loginUrl);
  await page.getByTestId('add-first-account').click();
  await page.getByLabel('Account name').fill('Personal');
  await page.getByRole('button', { name: 'Continue' }).click();
  await pairShownQr(personalPhone);
  await expect(rows()).toHaveCount(PERSONAL_CHATS, { timeout: 30_000 });

  await page.getByTestId('account-add').click();
  await page.getByLabel('Account name').fill('Work');
  await page.getByRole('button', { name: 'Continue' }).click();
  await pairShownQr(workPhone);
  // Both accounts share the app's one simulator URL; each phone linked its own companion.
  expect(workPhone.wsUrl).toBe(personalPhone.wsUrl);
  expect(personalPhone.device).toBeTruthy();
  expect(workPhone.device).toBeTruthy();
  await expect(railAccount('Personal')).toHaveAttribute('data-state', 'open');
  await expect(railAccount('Work')).toHaveAttribute('data-state', 'open', { timeout: 15_000 });
});

test('both accounts’ chats show together in "All accounts", each marked with its account', async () => {
  await page.getByTestId('account-all').click();
  await expect(rows()).toHaveCount(PERSONAL_CHATS + WORK_CHATS, { timeout: 30_000 });
  await expect(page.getByTestId('account-chip').filter({ hasText: /^Work$/ })).toHaveCount(WORK_CHATS);
  await expect(page.getByTestId('account-chip').filter({ hasText: /^Personal$/ })).toHaveCount(PERSONAL_CHATS);
  await expect(rowOf('Kai Tanaka', 'Work')).toContainText('Noted 👍');
  // The same person on both phones: two chats, one per account, each with that account's history.
  await expect(rowOf('Ana Souza', 'Personal')).toContainText('Perfect, see you there');
  await expect(rowOf('Ana Souza', 'Work')).toContainText('Happy to be here');
  await shot('unified-inbox');
});

test('the account switcher shows one account at a time', async () => {
  await railAccount('Work').click();
  await expect(page.locator('.chatlist-header .pane-title')).toHaveText('Work');
  await expect(rows()).toHaveCount(WORK_CHATS);
  await expect(page.getByTestId('chat-list')).toContainText('Lena Fischer');
  await expect(page.getByTestId('chat-list')).not.toContainText('Bruno Lima');
  await expect(page.getByTestId('account-subtitle')).toHaveText('+1 555 000 2000 · Connected');
  // One account on screen: no per-row account marker is needed.
  await expect(page.getByTestId('account-chip')).toHaveCount(0);
  // Its actions name the account they act on.
  await railAccount('Work').click({ button: 'right' });
  await expect(page.getByTestId('account-menu-header')).toContainText('Work');
  await expect(page.getByTestId('account-menu-header')).toContainText('+1 555 000 2000');
  await shot('account-switcher');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('account-menu')).toBeHidden();

  await railAccount('Personal').click();
  await expect(page.locator('.chatlist-header .pane-title')).toHaveText('Personal');
  await expect(rows()).toHaveCount(PERSONAL_CHATS);
  await expect(page.getByTestId('chat-list')).not.toContainText('Kai Tanaka');
  await page.getByTestId('account-all').click();
  await expect(rows()).toHaveCount(PERSONAL_CHATS + WORK_CHATS);
  await expect(page.getByTestId('account-subtitle')).toHaveText('2 accounts');
});

test('a live message to the work account shows on its chat, its rail badge, the title and a notification', async () => {
  const workBadge = railAccount('Work').locator('.rail-badge');
  const badgeBefore = Number((await workBadge.count()) ? await workBadge.textContent() : 0);
  const titleUnread = async () => Number(/^\((\d+)\)/.exec(await page.title())?.[1] ?? 0);
  const titleBefore = await titleUnread();

  // Kai's chat has no unread messages yet (the last history line is Dana's).
  await expect(rowOf('Kai Tanaka', 'Work').locator('.unread-badge')).toHaveCount(0);
  await workPhone.contact('Kai Tanaka').send({ kind: 'text', text: 'Are you joining the call? 📞' });
  const kai = rowOf('Kai Tanaka', 'Work');
  await expect(kai).toContainText('Are you joining the call? 📞', { timeout: 15_000 });
  await expect(kai.locator('.unread-badge')).toHaveText('1');
  await expect(workBadge).toHaveText(String(badgeBefore + 1));
  await expect.poll(titleUnread).toBe(titleBefore + 1);
  await expect.poll(shownNotifications).toContain('Kai Tanaka: Are you joining the call? 📞');
  // Nothing landed on the personal account.
  await expect(rows().filter({ hasText: 'Are you joining the call?' })).toHaveCount(1);
});

test('a reply from the work account is decrypted by the work phone’s contact, not the personal one’s', async () => {
  const workAna = workPhone.contact('Ana Souza');
  const personalAna = personalPhone.contact('Ana Souza');
  await workAna.send({ kind: 'text', text: 'Lunch at noon?' });
  const row = rowOf('Ana Souza', 'Work');
  await expect(row).toContainText('Lunch at noon?', { timeout: 15_000 });
  await expect(rowOf('Ana Souza', 'Personal')).not.toContainText('Lunch at noon?');

  await row.click();
  await expect(page.getByTestId('timeline')).toContainText('Lunch at noon?');
  await page.getByTestId('composer-input').fill('Noon works, see you downstairs');
  await page.keyboard.press('Enter');
  const received = await workAna.waitForMessage(
    (m) => (m.message.extendedTextMessage?.text ?? m.message.conversation) === 'Noon works, see you downstairs',
    15_000,
  );
  expect(received).toBeTruthy();
  await expect(
    page.getByTestId('message-bubble').filter({ hasText: 'Noon works' }).getByRole('img', { name: 'Delivered' }),
  ).toBeVisible({ timeout: 15_000 });
  // The personal phone's Ana never got anything, and neither phone failed to decrypt.
  expect(personalAna.received).toHaveLength(0);
  expect(personalPhone.stats.peerDecryptFailures).toBe(0);
  expect(workPhone.stats.peerDecryptFailures).toBe(0);
});

test('after a reload with the bridge blocked, the rail still lists both accounts, marked not connected', async () => {
  await page.getByTestId('account-all').click();
  await page.routeWebSocket(/\/bridge$/, (ws) => ws.close());
  await page.reload();
  await expect(rows()).toHaveCount(PERSONAL_CHATS + WORK_CHATS);
  await expect(railAccount('Personal')).toHaveAttribute('data-state', 'offline');
  await expect(railAccount('Work')).toHaveAttribute('data-state', 'offline');
  // Nothing live is claimed; the cache still knows what each account last was.
  await expect(railAccount('Work')).toHaveAccessibleName('Work — Not connected to the app; was connected');
  await expect(rowOf('Kai Tanaka', 'Work')).toBeVisible();
  await expect(page.getByTestId('bridge-status')).toBeVisible();
  await shot('accounts-offline');

  const fresh = await context.newPage(); // same profile, no WebSocket route: main is back
  await fresh.goto(world.app.origin);
  await expect(railAccount('Work', fresh)).toHaveAttribute('data-state', 'open', { timeout: 15_000 });
  await expect(railAccount('Personal', fresh)).toHaveAttribute('data-state', 'open');
  await expect(rows(fresh)).toHaveCount(PERSONAL_CHATS + WORK_CHATS);
  await fresh.close();
});
