import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startSimWorld, type SimWorld } from './support/simWorld.js';

/*
 * Linking without a camera: the user asks for a pairing code with the phone's number, reads the
 * 8 characters off the screen and types them on the phone (here: the simulated phone), and the
 * inbox fills from history. One app process for the file, so the steps run in order.
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

test('the QR screen offers linking with a phone number, and a bad number is explained', async () => {
  await page.goto(world.app.loginUrl);
  await page.getByTestId('add-first-account').click();
  await page.getByLabel('Account name').fill('Personal');
  await page.getByRole('button', { name: 'Continue' }).click();
  // The account's worker process starts and connects first; give a loaded machine time.
  await expect(page.getByTestId('pairing-qr')).toBeVisible({ timeout: 45_000 });
  await page.getByTestId('pairing-phone-link').click();
  const input = page.getByTestId('pairing-phone-input');
  await expect(input).toBeFocused();
  await input.fill('555 12');
  await page.getByTestId('pairing-phone-submit').click();
  await expect(page.getByRole('alert').filter({ hasText: 'country code' })).toBeVisible();
  await expect(page.getByTestId('pairing-code')).toHaveCount(0);

  // Back and forth keeps the QR flow intact.
  await page.getByTestId('pairing-back-to-qr').click();
  await expect(page.getByTestId('pairing-qr')).toBeVisible();
  await page.getByTestId('pairing-phone-link').click();
});

test('the code read off the screen, typed on the phone, links the account and the inbox fills', async () => {
  const input = page.getByTestId('pairing-phone-input');
  await input.fill('');
  await input.pressSequentially(world.sim.account.pn);
  // Formatted as typed (libphonenumber-js).
  await expect(input).toHaveValue('+1 555 000 1000');
  await page.getByTestId('pairing-phone-submit').click();
  const code = page.getByTestId('pairing-code');
  await expect(code).toBeVisible({ timeout: 15_000 });
  await expect(code).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByTestId('pairing-code-countdown')).toHaveText(/Code expires in \d+:\d\d/);
  await expect(page.getByTestId('pairing-phone')).toContainText('Link with phone number instead');

  // What the user would read and type: the characters on screen, without the dash.
  const typed = (await code.innerText()).replace(/[^0-9A-Z]/g, '');
  expect(typed).toHaveLength(8);
  const paired = await world.sim.phone.enterPairingCode(typed);
  expect(paired.deviceJid).toBe(`${world.sim.account.pn}:1@s.whatsapp.net`);

  await expect(page.getByTestId('pairing-view')).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('chat-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('chat-list')).toContainText('Ana Souza');
});
