import type { Simulator } from '../../test/sim/simulator.js';
import type { BenchRow } from '../harness.js';
import { startBareReceiver } from '../app/bareReceiver.js';
import { benchToken, watchTimelineArrivals, waitForArrivals } from '../app/domArrivals.js';
import { openChatWith, startPairedApp } from '../app/pairedApp.js';
import { measureClockOffset, nowMs, sleepUntil, type ClockOffset } from '../app/pageClock.js';
import { percentile } from '../stats.js';

const MESSAGES = 200;
const RATE_PER_S = 20;
/** Blocks alternate between the app and bare Baileys, so a noisy neighbour hits both alike. */
const BLOCKS = 4;
const ARRIVAL_TIMEOUT_MS = 60_000;

/**
 * Live latency: a contact sends in the simulator at a steady 20 msg/s → the message row is in the
 * app's timeline DOM (browser mode, Chromium), vs the same messages' `messages.upsert` in a bare
 * Baileys socket on its own simulator in this process. Judged on what the app adds at p95.
 */
export async function benchLiveLatency(): Promise<BenchRow> {
  const app = await startPairedApp();
  const bare = await startBareReceiver().catch(async (err: unknown) => {
    await app.stop();
    throw err;
  });
  try {
    const ana = app.world.sim.contact('Ana Souza');
    await openChatWith(app.page, 'Ana Souza');
    await watchTimelineArrivals(app.page);
    const appLatencies: number[] = [];
    const bareLatencies: number[] = [];
    const clocks: ClockOffset[] = [];
    /** Send → the worker's delivery receipt, which it sends only after the message is stored. */
    const storedLatencies: number[] = [];
    const perBlock = MESSAGES / BLOCKS;
    for (let block = 0; block < BLOCKS; block += 1) {
      const bareSent = await sendPaced(
        perBlock,
        (i) => benchToken(`lb${block}`, i),
        (text) => bare.contact.sendText(text),
      );
      await bare.waitFor([...bareSent.keys()], ARRIVAL_TIMEOUT_MS);
      for (const [token, sentAt] of bareSent) bareLatencies.push((bare.arrivals.get(token) ?? NaN) - sentAt);

      const appIds = new Map<string, string>();
      const appSent = await sendPaced(
        perBlock,
        (i) => benchToken(`la${block}`, i),
        async (text, token) => appIds.set(token, await ana.sendText(text)),
      );
      const clock = await measureClockOffset(app.page);
      clocks.push(clock);
      const arrivals = await waitForArrivals(app.page, clock, [...appSent.keys()], ARRIVAL_TIMEOUT_MS);
      for (const [token, sentAt] of appSent) {
        appLatencies.push((arrivals.get(token) ?? NaN) - sentAt);
        storedLatencies.push(receiptAt(app.world.sim, appIds.get(token) ?? '') - (sentAt - performance.timeOrigin));
      }
    }
    const appP95 = percentile(appLatencies, 95);
    const bareP95 = percentile(bareLatencies, 95);
    const worstRtt = Math.max(...clocks.map((c) => c.rttMs));
    return {
      name: 'live latency',
      unit: 'ms p95',
      value: appP95,
      baseline: bareP95,
      goal: { kind: 'excessAtMost', target: 50, text: 'app adds ≤ 50 ms at p95' },
      notes:
        `${MESSAGES} messages at ${RATE_PER_S} msg/s, send → row in the timeline DOM: app p50 ` +
        `${percentile(appLatencies, 50).toFixed(1)} ms, p95 ${appP95.toFixed(1)} ms, max ` +
        `${Math.max(...appLatencies).toFixed(1)} ms (of which send → stored, i.e. the worker's receipt: p50 ` +
        `${percentile(storedLatencies, 50).toFixed(0)} ms, p95 ${percentile(storedLatencies, 95).toFixed(0)} ms); bare Baileys messages.upsert p50 ` +
        `${percentile(bareLatencies, 50).toFixed(1)} ms, p95 ${bareP95.toFixed(1)} ms. Page clock mapped to ` +
        `Node's within ±${(worstRtt / 2).toFixed(1)} ms (half the best CDP round trip)`,
    };
  } finally {
    await bare.stop();
    await app.stop();
  }
}

/**
 * When the worker's receipt for the message reached the simulator, on the same clock as
 * `performance.now()` here (the simulator stamps nodes with Date.now(), millisecond resolution).
 */
function receiptAt(sim: Simulator, messageId: string): number {
  const receipt = sim.observed.nodes.find(
    (o) => o.dir === 'in' && o.node.tag === 'receipt' && o.node.attrs.id === messageId,
  );
  return receipt === undefined ? Number.NaN : receipt.at - performance.timeOrigin;
}

/** Sends `count` texts at RATE_PER_S; returns token → send time (taken right before the send). */
async function sendPaced(
  count: number,
  tokenOf: (i: number) => string,
  send: (text: string, token: string) => Promise<unknown>,
): Promise<Map<string, number>> {
  const sentAt = new Map<string, number>();
  const intervalMs = 1000 / RATE_PER_S;
  const start = nowMs() + intervalMs;
  for (let i = 0; i < count; i += 1) {
    await sleepUntil(start + i * intervalMs);
    const token = tokenOf(i);
    sentAt.set(token, nowMs());
    await send(`Are you there? ${token}`, token);
  }
  return sentAt;
}
