import type { BenchRow } from '../harness.js';
import { measureClockOffset } from '../app/pageClock.js';
import { chatListPaintedAt, LARGE_PROFILE, profileSession, SMALL_PROFILE } from '../app/profileSession.js';
import { BIG_CHAT_NAME } from '../app/seedProfile.js';
import { listOf, median } from '../stats.js';

const ROUNDS = 4;

/**
 * Cold start: app process spawned → chat list painted, browser mode, with a 100k-message profile
 * vs a 100-message one (same 100 chats), the renderer's cache up to date in both (each profile's
 * browser context first rebuilt it from empty, timed separately). Launches alternate.
 */
export async function benchColdStart(): Promise<BenchRow> {
  const large = await profileSession(LARGE_PROFILE);
  const small = await profileSession(SMALL_PROFILE);
  const times = { large: [] as number[], small: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [which, session] of round % 2 === 0
      ? ([
          ['large', large],
          ['small', small],
        ] as const)
      : ([
          ['small', small],
          ['large', large],
        ] as const)) {
      const launched = await session.launch();
      try {
        const offset = await measureClockOffset(launched.page, 5);
        const paintedAt = await chatListPaintedAt(launched.page, offset.offsetMs);
        times[which].push(paintedAt - launched.spawnedAt);
        // Painted from an up-to-date cache: the newest chat leads the list.
        const first = await launched.page.getByTestId('chat-row').first().innerText();
        if (!first.includes(BIG_CHAT_NAME)) throw new Error(`chat list painted without the newest chat: ${first}`);
      } finally {
        await launched.stop();
      }
    }
  }
  return {
    name: 'cold start',
    unit: 'ms',
    value: median(times.large),
    baseline: median(times.small),
    goal: { kind: 'ratioAtMost', target: 1.5, text: '≤ 1.5× a 100-message profile' },
    notes:
      `process spawn → chat list painted (cache up to date): ${large.profile.messageCount.toLocaleString('en-US')} ` +
      `messages ${listOf(times.large)} ms, ${small.profile.messageCount} messages ${listOf(times.small)} ms. ` +
      `Cache rebuild from empty (page load → last change applied): ${(large.rebuildMs / 1000).toFixed(1)} s for ` +
      `${large.profile.messageCount.toLocaleString('en-US')} messages, ${(small.rebuildMs / 1000).toFixed(1)} s for ` +
      `${small.profile.messageCount}. Seeding through AccountStore took ${(large.profile.seedMs / 1000).toFixed(1)} s`,
  };
}
