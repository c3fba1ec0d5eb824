import type { BenchRow } from '../harness.js';
import { timeChatOpen } from '../app/chatOpen.js';
import { LARGE_PROFILE, chatListPaintedAt, profileSession } from '../app/profileSession.js';
import { BIG_CHAT_NAME, SMALL_CHAT_NAME } from '../app/seedProfile.js';
import { listOf, median } from '../stats.js';

const ROUNDS = 5;

/**
 * Big chat: click → first timeline paint of a 100k-message chat vs a 100-message chat, both in
 * the same 100k-message profile, same page, cache up to date; opens alternate between the two.
 */
export async function benchBigChat(): Promise<BenchRow> {
  const session = await profileSession(LARGE_PROFILE);
  const launched = await session.launch();
  try {
    await chatListPaintedAt(launched.page, 0);
    // Warm-up: the first open of each pays for code paths that run once (not counted).
    await timeChatOpen(launched.page, SMALL_CHAT_NAME, 'small');
    await timeChatOpen(launched.page, BIG_CHAT_NAME, 'big');
    const big: number[] = [];
    const small: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      small.push(await timeChatOpen(launched.page, SMALL_CHAT_NAME, 'small'));
      big.push(await timeChatOpen(launched.page, BIG_CHAT_NAME, 'big'));
    }
    return {
      name: 'big chat',
      unit: 'ms',
      value: median(big),
      baseline: median(small),
      goal: { kind: 'ratioAtMost', target: 1.5, text: '≤ 1.5× a 100-message chat' },
      notes:
        `click → first timeline frame, ${LARGE_PROFILE.bigChatMessages.toLocaleString('en-US')}-message chat ` +
        `${listOf(big)} ms vs ${LARGE_PROFILE.smallChatMessages}-message chat ${listOf(small)} ms ` +
        `(profile of ${session.profile.messageCount.toLocaleString('en-US')} messages seeded through AccountStore)`,
    };
  } finally {
    await launched.stop();
  }
}
