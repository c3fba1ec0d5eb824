import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../test/e2e/support/chromiumArgs.mjs';
import { readQrFromScreen } from '../../test/e2e/support/readQr.js';
import { startSimWorld, type SimWorld } from '../../test/e2e/support/simWorld.js';
import { ensureAppBuilt } from './ensureAppBuilt.js';

/** The steps below wait on a loaded 2-core machine: worker start, pairing, the initial history. */
const STEP_TIMEOUT_MS = 90_000;

export type PairedApp = Readonly<{
  world: SimWorld;
  browser: Browser;
  page: Page;
  stop: () => Promise<void>;
}>;

/**
 * The app as a user runs it: the demo entry in browser mode (its own process, one worker process
 * per account) against the simulator's demo world, driven in Debian's Chromium. The account is
 * added and paired the way the e2e suite does it, by reading the QR off the screen.
 */
export async function startPairedApp(): Promise<PairedApp> {
  await ensureAppBuilt();
  const world = await startSimWorld();
  const browser = await chromium.launch(chromiumLaunchOptions()).catch(async (err: unknown) => {
    await world.stop();
    throw err;
  });
  const stop = async () => {
    await browser.close();
    await world.stop();
  };
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(world.app.loginUrl);
    await page.getByTestId('add-first-account').click();
    await page.getByLabel('Account name').fill('Bench');
    await page.getByRole('button', { name: 'Continue' }).click();
    const qr = page.getByTestId('pairing-qr');
    await qr.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await world.sim.phone.scanQR(await readQrFromScreen(qr));
    await qr.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
    return { world, browser, page, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Opens the contact's chat (it arrives with the initial history) and waits for its timeline. */
export async function openChatWith(page: Page, contactName: string): Promise<void> {
  const row = page.getByTestId('chat-row').filter({ hasText: contactName }).first();
  await row.waitFor({ timeout: STEP_TIMEOUT_MS });
  await row.click();
  await page.getByTestId('timeline').waitFor({ timeout: STEP_TIMEOUT_MS });
}
