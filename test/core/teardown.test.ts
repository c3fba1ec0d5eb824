import { describe, expect, it } from 'vitest';
import { eventually, WorkerHarness } from './support/workerHarness.js';

/** Open network handles (client sockets and listening servers) of this test process. */
function networkHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP') || r.startsWith('TLS')).length;
}

describe('test harness teardown', () => {
  it('a worker stopped and restarted, then torn down with its simulator, leaves no socket or server open', async () => {
    const before = networkHandles();
    const h = await WorkerHarness.start();
    try {
      const ana = h.sim.addContact({ pushName: 'Ana' });
      const first = await h.pairNewWorker();
      await ana.sendText('hello');
      await eventually(() => h.events().some((e) => e.type === 'messages.upserted'));
      await first.stop();
      await h.startWorker();
      await h.waitForConnection('open', 20_000);
      expect(networkHandles()).toBeGreaterThan(before);
    } finally {
      await h.teardown();
    }
    // Closing handles settles on the next turns of the event loop, not synchronously.
    await eventually(() => networkHandles() === before, 5_000).catch(() => {
      throw new Error(`still open: ${JSON.stringify(process.getActiveResourcesInfo())}`);
    });
  });
});
