import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startMoto, type Moto } from '../backup/motoServer.js';
import { readQrFromScreen } from './support/readQr.js';
import { startSimWorld, type SimWorld } from './support/simWorld.js';

/*
 * S3 backup through the Settings screen, end to end: a paired account backs up to a real S3
 * (moto_server on a random port), then a second, fresh profile restores that backup and shows
 * the chats as an archive before any pairing.
 */
test.describe.configure({ mode: 'serial' });

const BUCKET = 'inbox-backups';
const PASSPHRASE = 'purple elephant dancing quietly';

let moto: Moto;
let source: SimWorld;
let fresh: SimWorld | undefined;
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  moto = await startMoto();
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  client.destroy();
  source = await startSimWorld();
  context = await browser.newContext();
  page = await context.newPage();
});
test.afterAll(async () => {
  await context.close();
  await source.stop();
  await fresh?.stop();
  await moto.stop();
});

async function shot(name: string, target: Page): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await target.emulateMedia({ colorScheme: scheme });
    await target.screenshot({ path: `test-results/screens/${name}-${scheme}.png` });
  }
  await target.emulateMedia({ colorScheme: 'light' });
}

async function fillConnection(target: Page, endpoint: string): Promise<void> {
  await target.getByLabel('Bucket').fill(BUCKET);
  await target.getByLabel('Region').fill('us-east-1');
  await target.getByLabel('Endpoint').fill(endpoint);
  await target.getByTestId('backup-path-style').check();
  await target.getByLabel('Access key ID').fill('testing');
  await target.getByLabel('Secret access key').fill('testing');
}

test('a paired account shows its chats', async () => {
  await page.goto(source.app.loginUrl);
  await page.getByTestId('add-first-account').click();
  await page.getByLabel('Account name').fill('Personal');
  await page.getByRole('button', { name: 'Continue' }).click();
  const qr = page.getByTestId('pairing-qr');
  await expect(qr).toBeVisible({ timeout: 45_000 });
  await source.sim.phone.scanQR(await readQrFromScreen(qr));
  await expect(page.getByTestId('chat-row')).toHaveCount(6, { timeout: 45_000 });
});

test('the settings form tests the connection precisely, saves, and backs up now', async () => {
  await page.getByTestId('open-settings').click();
  const settings = page.getByTestId('settings-view');
  await expect(settings).toBeVisible();
  await fillConnection(page, moto.endpoint);

  // A bucket that does not exist is named as such, not as a generic failure.
  await page.getByLabel('Bucket').fill('no-such-bucket');
  await page.getByTestId('backup-test').click();
  await expect(page.getByTestId('backup-test-result')).toContainText('The bucket does not exist');
  await page.getByLabel('Bucket').fill(BUCKET);
  await page.getByTestId('backup-test').click();
  await expect(page.getByTestId('backup-test-result')).toContainText('Connected');

  await page.getByTestId('backup-key-passphrase').check();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByTestId('backup-save').click();
  const runNow = page.getByTestId('backup-run-now');
  await expect(runNow).toBeEnabled();
  await runNow.click();
  const status = page.locator('[data-testid^="backup-status-"]');
  await expect(status.getByTestId('backup-last-success')).not.toContainText('Never', { timeout: 30_000 });
  await expect(status.getByTestId('backup-last-error')).toHaveCount(0);
  await page.getByTestId('backup-list-refresh').click();
  await expect(page.getByTestId('backup-list')).toContainText('Personal');
  // The secret never comes back to the window.
  await expect(page.getByLabel('Secret access key')).toHaveValue('');
  await page.getByTestId('backup-list').scrollIntoViewIfNeeded();
  await shot('settings-backup', page);
  await page.getByTestId('settings-view').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('settings-view')).toBeHidden();
});

test('a fresh profile restores the backup and shows the chats as an archive before pairing', async () => {
  fresh = await startSimWorld();
  const second = await context.newPage();
  await second.goto(fresh.app.loginUrl);
  await expect(second.getByTestId('add-first-account')).toBeVisible({ timeout: 30_000 });
  await second.keyboard.press('Control+,');
  await expect(second.getByTestId('settings-view')).toBeVisible();
  await fillConnection(second, moto.endpoint);
  await second.getByTestId('backup-key-passphrase').check();
  await second.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await second.getByTestId('backup-save').click();

  const row = second.locator('[data-testid^="backup-row-"]');
  await expect(row).toHaveCount(1, { timeout: 15_000 });
  await expect(row).toContainText('Not on this computer');
  await row.getByRole('button', { name: 'Restore…' }).click();
  const dialog = second.getByTestId('restore-dialog');
  await expect(dialog).toContainText('read-only');
  await dialog.getByTestId('confirm-button').click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await second.getByTestId('settings-view').getByRole('button', { name: 'Close' }).click();

  await expect(second.getByTestId('chat-row')).toHaveCount(6, { timeout: 30_000 });
  await expect(second.getByTestId('chat-list')).toContainText('Ana Souza');
  await second.getByTestId('chat-row').filter({ hasText: 'Ana Souza' }).click();
  await expect(second.getByTestId('timeline')).toContainText('Perfect, see you there', { timeout: 15_000 });
  // Unpaired: the account waits for a QR scan, and the conversation says it is an archive.
  await expect(second.getByRole('status').filter({ hasText: 'archive — pair to reconnect' })).toBeVisible({
    timeout: 45_000,
  });
  await expect(second.getByTestId('composer-input')).toHaveCount(0);
  await shot('restore', second);

  // Pairing the restored account keeps the archive; the new session's history merges into it.
  await second.locator('[data-testid^="account-acct-"]').click();
  const qr = second.getByTestId('pairing-qr');
  await expect(qr).toBeVisible({ timeout: 45_000 });
  await fresh.sim.phone.scanQR(await readQrFromScreen(qr));
  await expect(qr).toBeHidden({ timeout: 30_000 });
  await second.getByTestId('account-all').click();
  await expect(second.getByTestId('chat-row')).toHaveCount(6, { timeout: 30_000 });
  await second.getByTestId('chat-row').filter({ hasText: 'Ana Souza' }).click();
  await expect(second.getByTestId('timeline')).toContainText('Perfect, see you there');
  await expect(second.getByRole('status').filter({ hasText: 'archive — pair to reconnect' })).toHaveCount(0, {
    timeout: 30_000,
  });
  await expect(second.getByTestId('composer-input')).toBeVisible();
  await second.close();
});

test('restoring over the paired account merges, restarts its worker and keeps it live', async () => {
  await page.bringToFront();
  await page.getByTestId('open-settings').click();
  const row = page.locator('[data-testid^="backup-row-"]').filter({ hasText: 'Personal' });
  await expect(row).toHaveCount(1, { timeout: 15_000 });
  await row.getByRole('button', { name: 'Restore…' }).click();
  const dialog = page.getByTestId('restore-dialog');
  await expect(dialog).toContainText('merged into “Personal”');
  await dialog.getByTestId('confirm-button').click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await page.getByTestId('settings-view').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('chat-row')).toHaveCount(6);
  // The worker was stopped for the merge and started again: the socket is back and live.
  await expect(page.locator('[data-testid^="account-acct-"]')).toHaveAttribute('data-state', 'open', {
    timeout: 45_000,
  });
  await source.sim.contact('Ana Souza').send({ kind: 'text', text: 'Still there after the restore?' });
  await page.getByTestId('chat-row').filter({ hasText: 'Ana Souza' }).click();
  await expect(page.getByTestId('timeline')).toContainText('Still there after the restore?', { timeout: 20_000 });
  await expect(page.getByTestId('timeline')).toContainText('Perfect, see you there');
});
