import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../test/e2e/support/chromiumArgs.mjs';
import { freePort, startBrowserModeProcess, type BrowserModeProcess } from '../../test/e2e/browserModeProcess.js';
import { Simulator } from '../../test/sim/simulator.js';
import { quietLibsignal } from '../../test/sim/testing/quietLibsignal.js';
import { onBenchCleanup } from './benchCleanup.js';
import { ensureAppBuilt } from './ensureAppBuilt.js';
import { nowMs } from './pageClock.js';
import { seedProfile, type ProfileShape, type SeededProfile } from './seedProfile.js';

/** Rows painted in the chat list before it counts as painted (the viewport holds ~10). */
const PAINTED_CHAT_ROWS = 8;
const STEP_TIMEOUT_MS = 300_000;

export const LARGE_PROFILE: ProfileShape = { bigChatMessages: 100_000, smallChatMessages: 100, otherChatMessages: 1 };
export const SMALL_PROFILE: ProfileShape = { bigChatMessages: 1, smallChatMessages: 1, otherChatMessages: 1 };

export type ProfileSession = Readonly<{
  profile: SeededProfile;
  /** Navigation → the renderer's cache holds the store's last change (rebuilt from empty). */
  rebuildMs: number;
  /** Starts the app on this profile (same port every time: the cache belongs to the origin). */
  launch: () => Promise<LaunchedApp>;
}>;

export type LaunchedApp = Readonly<{
  app: BrowserModeProcess;
  page: Page;
  /** Node clock, right before the app process was spawned. */
  spawnedAt: number;
  /** Node clock, right before the page was sent to the login address. */
  navigatedAt: number;
  stop: () => Promise<void>;
}>;

let browser: Promise<Browser> | undefined;
const sessions = new Map<string, Promise<ProfileSession>>();

/**
 * A seeded profile with the app's renderer cache brought up to date, once per bench run and shared
 * by the rows that need it. The browser context (and so its IndexedDB) lives as long as the run;
 * each launch starts a fresh app process on the same profile and port.
 */
export function profileSession(shape: ProfileShape): Promise<ProfileSession> {
  const key = JSON.stringify(shape);
  let session = sessions.get(key);
  if (!session) {
    session = openSession(shape);
    sessions.set(key, session);
  }
  return session;
}

async function openSession(shape: ProfileShape): Promise<ProfileSession> {
  await ensureAppBuilt();
  quietLibsignal();
  process.stderr.write(`seeding a profile: ${JSON.stringify(shape)}…\n`);
  const profile = await seedProfile(shape);
  onBenchCleanup(profile.remove);
  // Unlinked account: the worker connects for a QR, so it needs a simulator, not WhatsApp.
  const sim = await Simulator.start({ media: true });
  onBenchCleanup(() => sim.stop());
  const context = await newContext();
  const port = await freePort();
  const launch = () => launchApp(profile, sim, context, port);
  const first = await launch();
  try {
    await waitForCacheSeq(first.page, profile.accountId, profile.seq);
    const rebuildMs = nowMs() - first.navigatedAt;
    return { profile, rebuildMs, launch };
  } finally {
    await first.stop();
  }
}

async function newContext(): Promise<BrowserContext> {
  browser ??= chromium.launch(chromiumLaunchOptions()).then((launched) => {
    onBenchCleanup(() => launched.close());
    return launched;
  });
  const context = await (await browser).newContext({ viewport: { width: 1280, height: 800 } });
  onBenchCleanup(() => context.close());
  await context.addInitScript(PAINT_WATCH);
  return context;
}

async function launchApp(
  profile: SeededProfile,
  sim: Simulator,
  context: BrowserContext,
  port: number,
): Promise<LaunchedApp> {
  const spawnedAt = nowMs();
  const app = await startBrowserModeProcess({
    entry: 'dist/core/demoMain.js',
    profileDir: profile.dir,
    port,
    env: {
      WA_INBOX_SIM_WS_URL: sim.wsUrl,
      WA_INBOX_SIM_ROOT: Buffer.from(sim.trustRoot).toString('base64'),
      WA_INBOX_SIM_CDN_PORT: String(sim.media?.cdn.port ?? ''),
    },
  });
  const page = await context.newPage();
  const stop = async () => {
    await page.close();
    await app.stop();
  };
  try {
    const navigatedAt = nowMs();
    await page.goto(app.loginUrl);
    return { app, page, spawnedAt, navigatedAt, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** When the chat list was first painted with rows, in the Node clock (polls the page's mark). */
export async function chatListPaintedAt(page: Page, offsetMs: number): Promise<number> {
  const handle = await page.waitForFunction(
    () => (window as { __benchChatListPaintedAt?: number }).__benchChatListPaintedAt || undefined,
    undefined,
    { timeout: STEP_TIMEOUT_MS, polling: 50 },
  );
  return ((await handle.jsonValue()) as number) - offsetMs;
}

/**
 * Polls the renderer's Dexie cache (raw IndexedDB, read-only) for the stream's last applied seq.
 * page.evaluate, not waitForFunction: the latter would take the returned promise itself as truthy.
 */
async function waitForCacheSeq(page: Page, stream: string, seq: number): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const lastSeq = await page.evaluate(READ_LAST_SEQ, stream);
    if (lastSeq >= seq) return;
    if (Date.now() > deadline) throw new Error(`the renderer's cache reached seq ${lastSeq} of ${seq}`);
    await page.waitForTimeout(250);
  }
}

const READ_LAST_SEQ = (stream: string): Promise<number> =>
  new Promise<number>((resolve) => {
    const open = indexedDB.open('wa-inbox-cache');
    open.onerror = () => resolve(0);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('meta')) {
        db.close();
        resolve(0);
        return;
      }
      const get = db.transaction('meta', 'readonly').objectStore('meta').get(stream);
      get.onsuccess = () => {
        db.close();
        resolve((get.result as { lastSeq?: number } | undefined)?.lastSeq ?? 0);
      };
      get.onerror = () => {
        db.close();
        resolve(0);
      };
    };
  });

/**
 * Installed in every page before the app's scripts: marks when the chat list first holds rows and a
 * frame with them has been produced (requestAnimationFrame, then a task after that frame).
 * A string, not a function: tsx's keepNames helper does not exist in the page.
 */
const PAINT_WATCH = `(() => {
  let isMarked = false;
  const observer = new MutationObserver(() => {
    if (isMarked || document.querySelectorAll('[data-testid="chat-row"]').length < ${PAINTED_CHAT_ROWS}) return;
    isMarked = true;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__benchChatListPaintedAt = performance.timeOrigin + performance.now(); };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;
