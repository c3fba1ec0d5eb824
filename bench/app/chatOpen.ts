import type { Page } from '@playwright/test';

type OpenWindow = { __benchOpen?: { kind: string; clickAt: number; paintedAt: number } };

/**
 * Times opening a chat in the page's own clock: from the click (a capture listener, so before the
 * app handles it) to the first frame produced after a row of that chat is in the timeline. The
 * chat's messages carry tokens of one kind (`[bnch-big-…]`), so rows of the chat being left never
 * count.
 */
export async function timeChatOpen(page: Page, chatName: string, tokenKind: string): Promise<number> {
  await page.evaluate(INSTALL);
  await page.evaluate((kind) => {
    (window as OpenWindow).__benchOpen = { kind, clickAt: 0, paintedAt: 0 };
  }, tokenKind);
  await page.getByTestId('chat-row').filter({ hasText: chatName }).first().click();
  const handle = await page.waitForFunction(
    () => {
      const open = (window as OpenWindow).__benchOpen;
      return open && open.paintedAt > 0 ? open.paintedAt - open.clickAt : undefined;
    },
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

// A string, not a function: tsx's keepNames helper (__name) does not exist in the page.
const INSTALL = `(() => {
  if (window.__benchOpenInstalled) return;
  window.__benchOpenInstalled = true;
  const now = () => performance.timeOrigin + performance.now();
  document.addEventListener('click', () => { if (window.__benchOpen) window.__benchOpen.clickAt = now(); }, true);
  let isPending = false;
  new MutationObserver((records) => {
    const open = window.__benchOpen;
    if (!open || open.clickAt === 0 || open.paintedAt > 0 || isPending) return;
    const marker = '[bnch-' + open.kind + '-';
    const hit = records.some((record) => [...record.addedNodes].some((node) => {
      const element = node instanceof Element ? node : node.parentElement;
      return !!element && !!element.closest('[data-testid="timeline"]') && (node.textContent || '').includes(marker);
    }));
    if (!hit) return;
    isPending = true;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { open.paintedAt = now(); isPending = false; };
      channel.port2.postMessage(0);
    });
  }).observe(document.body, { childList: true, subtree: true });
})()`;

export type RowCounts = Readonly<{ mounted: number; visible: number }>;

/** Timeline rows in the DOM vs rows that intersect the timeline's viewport. */
export function countTimelineRows(page: Page): Promise<RowCounts> {
  return page.getByTestId('timeline').evaluate((timeline) => {
    const box = timeline.getBoundingClientRect();
    const rows = Array.from(timeline.querySelectorAll('.virtual-row'));
    const visible = rows.filter((row) => {
      const rect = row.getBoundingClientRect();
      return rect.bottom > box.top && rect.top < box.bottom && rect.height > 0;
    });
    return { mounted: rows.length, visible: visible.length };
  });
}
