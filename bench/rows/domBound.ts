import type { Page } from '@playwright/test';
import type { BenchRow } from '../harness.js';
import { countTimelineRows, timeChatOpen, type RowCounts } from '../app/chatOpen.js';
import { LARGE_PROFILE, chatListPaintedAt, profileSession } from '../app/profileSession.js';
import { BIG_CHAT_NAME, SMALL_CHAT_NAME } from '../app/seedProfile.js';

/** Pages of older messages fetched from main by scrolling to the top, before the last count. */
const OLDER_PAGES = 4;

/**
 * DOM bound: rows mounted in the 100k-message chat's timeline vs rows visible in its viewport, at
 * the bottom (as opened), mid-way, and at the top after older pages were loaded from main. The
 * worst of the three is judged.
 */
export async function benchDomBound(): Promise<BenchRow> {
  const session = await profileSession(LARGE_PROFILE);
  const launched = await session.launch();
  try {
    const { page } = launched;
    await chatListPaintedAt(page, 0);
    // The app restores the chat open at the last run; leave it first so the big one mounts fresh.
    await timeChatOpen(page, SMALL_CHAT_NAME, 'small');
    await timeChatOpen(page, BIG_CHAT_NAME, 'big');
    const bottom = await settledCounts(page);
    await page.getByTestId('timeline').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    const middle = await settledCounts(page);
    let pagesLoaded = 0;
    for (let i = 0; i < OLDER_PAGES; i += 1) {
      const before = await spacerHeight(page);
      await page.getByTestId('timeline').evaluate((el) => (el.scrollTop = 0));
      if (!(await waitForGrowth(page, before))) break;
      pagesLoaded += 1;
    }
    const top = await settledCounts(page);
    const all: [string, RowCounts][] = [
      ['bottom', bottom],
      ['middle', middle],
      [`top after ${pagesLoaded} older pages`, top],
    ];
    const [worstAt, worst] = all.reduce((a, b) => (b[1].mounted / b[1].visible > a[1].mounted / a[1].visible ? b : a));
    return {
      name: 'DOM bound',
      unit: 'rows',
      value: worst.mounted,
      baseline: worst.visible,
      goal: { kind: 'ratioAtMost', target: 3, text: '≤ 3× rows visible' },
      notes:
        `${LARGE_PROFILE.bigChatMessages.toLocaleString('en-US')}-message chat, 1280×800 window; mounted/visible ` +
        all.map(([at, c]) => `${at} ${c.mounted}/${c.visible}`).join(', ') +
        `; worst at ${worstAt}`,
    };
  } finally {
    await launched.stop();
  }
}

/** Counts once two reads 100 ms apart agree (the virtualizer measures rows after they mount). */
async function settledCounts(page: Page): Promise<RowCounts> {
  let last = await countTimelineRows(page);
  for (let i = 0; i < 40; i += 1) {
    await page.waitForTimeout(100);
    const next = await countTimelineRows(page);
    if (next.mounted === last.mounted && next.visible === last.visible) return next;
    last = next;
  }
  return last;
}

/** The virtual list's full height: it grows when an older page from main is prepended. */
function spacerHeight(page: Page): Promise<number> {
  return page.locator('[data-testid="timeline"] .virtual-spacer').evaluate((el) => el.getBoundingClientRect().height);
}

async function waitForGrowth(page: Page, before: number): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if ((await spacerHeight(page)) > before) return true;
    await page.waitForTimeout(100);
  }
  return false;
}
