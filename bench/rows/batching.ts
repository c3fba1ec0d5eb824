import WebSocket from 'ws';
import type { EventBatch, ServerFrame } from '../../shared/src/index.js';
import { startBrowserMode } from '../../test/support/browserModeHarness.js';
import { makeMessages } from '../fixtures.js';
import type { BenchRow } from '../harness.js';

const MESSAGES = 20_000;
const BATCH_SIZE = 250; // what one persisted history/live transaction typically carries
const ROUNDS = 3;

/**
 * Batched event delivery over the browser-mode bridge vs one message per event, same server, same
 * WebSocket, same JSON serializer. Measured end to end: publish in main → frames parsed in the client.
 */
export async function benchBatching(): Promise<BenchRow> {
  const h = await startBrowserMode();
  try {
    const messages = makeMessages(MESSAGES);
    const batched: number[] = [];
    const single: number[] = [];
    let seq = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      single.push(
        await deliver(h.port, h.cookie, MESSAGES, () => {
          for (const message of messages) {
            h.mode.core.hub.publish({
              accountId: null,
              seq: ++seq,
              events: [{ type: 'messages.upserted', messages: [message] }],
            });
            h.mode.core.hub.flush(); // one frame per event
          }
        }),
      );
      batched.push(
        await deliver(h.port, h.cookie, MESSAGES, () => {
          for (let i = 0; i < messages.length; i += BATCH_SIZE) {
            const batch: EventBatch = {
              accountId: null,
              seq: ++seq,
              events: [{ type: 'messages.upserted', messages: messages.slice(i, i + BATCH_SIZE) }],
            };
            h.mode.core.hub.publish(batch); // coalesced per tick by the hub
          }
        }),
      );
    }
    return {
      name: 'batching',
      unit: 'msg/s',
      value: median(batched),
      baseline: median(single),
      goal: { kind: 'ratioAtLeast', target: 3, text: '≥ 3× one-per-event' },
      notes: `${MESSAGES} messages, batches of ${BATCH_SIZE}, median of ${ROUNDS} rounds each`,
    };
  } finally {
    await h.dispose();
  }
}

/** Messages per second from the first publish until the client has parsed all of them. */
async function deliver(port: number, cookie: string, expected: number, publish: () => void): Promise<number> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/bridge`, {
    headers: { Origin: `http://127.0.0.1:${port}`, Cookie: cookie },
    maxPayload: 256 * 1024 * 1024,
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let received = 0;
  const done = new Promise<void>((resolve) => {
    socket.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString('utf8')) as ServerFrame;
      const batches = frame.t === 'events' ? [frame.batch] : frame.t === 'events-many' ? frame.batches : [];
      for (const batch of batches) {
        for (const event of batch.events) if (event.type === 'messages.upserted') received += event.messages.length;
      }
      if (received >= expected) resolve();
    });
  });
  const started = performance.now();
  publish();
  await done;
  const seconds = (performance.now() - started) / 1000;
  socket.close();
  return expected / seconds;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
