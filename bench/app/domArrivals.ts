import type { Page } from '@playwright/test';
import type { ClockOffset } from './pageClock.js';

/**
 * Tokens the benches put in message texts, one per message: `[bnch-la0-12]`. The brackets matter:
 * in a row's textContent the token runs straight into the time ("…-12" + "2:01 AM").
 */
export const TOKEN_PATTERN = '\\[bnch-[a-z0-9]+-\\d+\\]';

export function benchToken(kind: string, index: number): string {
  return `[bnch-${kind}-${index}]`;
}

type ArrivalWindow = { __benchArrivals?: Record<string, number> };

/**
 * Watches the timeline with a MutationObserver and stamps, in the page's clock, the first time a
 * message row carrying each token is in the DOM. The stamps stay in the page until read, so the
 * cost of reporting them back (CDP round trips) never lands in a measurement.
 */
export async function watchTimelineArrivals(page: Page): Promise<void> {
  // A string, not a function: tsx compiles functions with esbuild's keepNames, whose __name helper
  // does not exist in the page.
  await page.evaluate(`(() => {
    if (window.__benchArrivals) return;
    const seen = {};
    window.__benchArrivals = seen;
    const re = new RegExp(${JSON.stringify(TOKEN_PATTERN)}, 'g');
    function scan(node) {
      const element = node instanceof Element ? node : node.parentElement;
      if (!element || !element.closest('[data-testid="timeline"]')) return;
      for (const match of (node.textContent || '').matchAll(re)) if (!(match[0] in seen)) seen[match[0]] = at;
    }
    let at = 0;
    new MutationObserver((records) => {
      at = performance.timeOrigin + performance.now();
      for (const record of records) {
        if (record.type === 'characterData') scan(record.target);
        record.addedNodes.forEach(scan);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);
}

/** Arrival times of the tokens seen so far, converted to the Node clock. */
export async function readArrivals(page: Page, clock: ClockOffset): Promise<Map<string, number>> {
  const raw = await page.evaluate(() => ({ ...((window as ArrivalWindow).__benchArrivals ?? {}) }));
  return new Map(Object.entries(raw).map(([token, at]) => [token, at - clock.offsetMs]));
}

/** Polls until every token has arrived (or throws after timeoutMs, naming how many are missing). */
export async function waitForArrivals(
  page: Page,
  clock: ClockOffset,
  tokens: readonly string[],
  timeoutMs: number,
): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const arrivals = await readArrivals(page, clock);
    const missing = tokens.filter((token) => !arrivals.has(token));
    if (missing.length === 0) return arrivals;
    if (Date.now() > deadline) {
      throw new Error(
        `${missing.length} of ${tokens.length} messages never reached the timeline (first: ${missing[0]})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
