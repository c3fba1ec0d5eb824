import type { Page } from '@playwright/test';

/**
 * One clock for Node and the page. Both sides read `performance.timeOrigin + performance.now()`
 * (epoch milliseconds, monotonic within a document); the remaining offset between the two
 * processes is measured NTP-style, so page timestamps can be compared with Node send times.
 */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export function sleepUntil(atMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, atMs - nowMs())));
}

export type ClockOffset = Readonly<{
  /** page clock − Node clock, in ms: subtract it from a page timestamp. */
  offsetMs: number;
  /** Round trip of the best probe; the offset is known to within half of it. */
  rttMs: number;
}>;

/** Best of `probes` round trips (the one with the smallest RTT has the least queueing in it). */
export async function measureClockOffset(page: Page, probes = 20): Promise<ClockOffset> {
  let best: ClockOffset = { offsetMs: 0, rttMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < probes; i += 1) {
    const sentAt = nowMs();
    const pageAt = await page.evaluate(() => performance.timeOrigin + performance.now());
    const backAt = nowMs();
    const rttMs = backAt - sentAt;
    if (rttMs < best.rttMs) best = { offsetMs: pageAt - (sentAt + backAt) / 2, rttMs };
  }
  return best;
}
