import type { Simulator } from '../../test/sim/simulator.js';
import type { BenchRow } from '../harness.js';
import { startBareReceiver } from '../app/bareReceiver.js';
import { benchToken, readArrivals, watchTimelineArrivals, waitForArrivals } from '../app/domArrivals.js';
import { openChatWith, startPairedApp } from '../app/pairedApp.js';
import { measureClockOffset, nowMs } from '../app/pageClock.js';
import { listOf, median } from '../stats.js';

const MESSAGES = 2_000;
const ROUNDS = 3;
const DRAIN_TIMEOUT_MS = 180_000;

/**
 * Live throughput: the simulator sends texts as fast as it can encrypt them. The app's rate is
 * messages / (first send → every message acknowledged, which the app does only after storing it,
 * and the newest one in the timeline DOM). The baseline is a bare Baileys socket's rate for the
 * same burst (first send → last `messages.upsert`). Rounds alternate between the two.
 */
export async function benchLiveThroughput(): Promise<BenchRow> {
  const app = await startPairedApp();
  const bare = await startBareReceiver().catch(async (err: unknown) => {
    await app.stop();
    throw err;
  });
  try {
    const { sim } = app.world;
    const ana = sim.contact('Ana Souza');
    await openChatWith(app.page, 'Ana Souza');
    await watchTimelineArrivals(app.page);
    const appRates: number[] = [];
    const bareRates: number[] = [];
    /** The worker's part alone: first send → every message acknowledged (= stored). */
    const storedRates: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const bareTokens = tokens(`tb${round}`);
      const bareStart = nowMs();
      for (const token of bareTokens) await bare.contact.sendText(`Burst ${token}`);
      await bare.waitFor(bareTokens, DRAIN_TIMEOUT_MS);
      const bareEnd = Math.max(...bareTokens.map((token) => bare.arrivals.get(token) ?? NaN));
      bareRates.push(MESSAGES / ((bareEnd - bareStart) / 1000));

      const appTokens = tokens(`ta${round}`);
      const ids: string[] = [];
      const appStart = nowMs();
      for (const token of appTokens) ids.push(await ana.sendText(`Burst ${token}`));
      const storedAt = await waitUntil(() => ids.every((id) => sim.observed.acked(id)), DRAIN_TIMEOUT_MS);
      const newest = appTokens[bottomRowIndex(sim, ids)] ?? '';
      const clock = await measureClockOffset(app.page);
      const shownAt = (await waitForArrivals(app.page, clock, [newest], DRAIN_TIMEOUT_MS)).get(newest) ?? NaN;
      appRates.push(MESSAGES / ((Math.max(storedAt, shownAt) - appStart) / 1000));
      storedRates.push(MESSAGES / ((storedAt - appStart) / 1000));
    }
    const shown = await readArrivals(app.page, await measureClockOffset(app.page));
    return {
      name: 'live throughput',
      unit: 'msg/s',
      value: median(appRates),
      baseline: median(bareRates),
      goal: { kind: 'ratioAtLeast', target: 0.5, text: '≥ 0.5× bare Baileys' },
      notes:
        `bursts of ${MESSAGES} texts, ${ROUNDS} rounds each: app (stored + newest in the timeline) ` +
        `${listOf(appRates)} msg/s (stored alone: ${listOf(storedRates)} msg/s), bare Baileys (messages.upsert) ${listOf(bareRates)} msg/s; ` +
        `${shown.size} of ${ROUNDS * MESSAGES} burst messages were ever mounted in the virtualized timeline`,
    };
  } finally {
    await bare.stop();
    await app.stop();
  }
}

/**
 * Which burst message the timeline shows last once everything arrived. WhatsApp stamps whole
 * seconds and the timeline orders messages of the same second by arrival (the store's orderKey), so
 * it is the last one sent in the newest second: one contact's burst arrives in send order.
 */
function bottomRowIndex(sim: Simulator, ids: readonly string[]): number {
  const stamps = new Map(
    sim.observed.sent((node) => node.tag === 'message').map((o) => [o.node.attrs.id ?? '', Number(o.node.attrs.t)]),
  );
  let best = 0;
  for (let i = 1; i < ids.length; i += 1) {
    const [t, bestT] = [stamps.get(ids[i] ?? '') ?? 0, stamps.get(ids[best] ?? '') ?? 0];
    // The timeline orders by (timestamp, arrival order): within a second the later send is lower.
    if (t >= bestT) best = i;
  }
  return best;
}

function tokens(prefix: string): string[] {
  return Array.from({ length: MESSAGES }, (_, i) => benchToken(prefix, i));
}

/** Polls every 10 ms; returns the Node-clock time the condition was first seen true. */
async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the app did not store every message in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return nowMs();
}
