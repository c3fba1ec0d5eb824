import { afterEach, describe, expect, it } from 'vitest';
import { startPairedWorld } from './testing/fixtures.js';
import type { PairedWorld } from './testing/fixtures.js';

describe('keep-alive fault', () => {
  let w: PairedWorld;
  afterEach(async () => {
    await w.teardown();
  });

  it('silent keep-alive pings make Baileys give up with 408', async () => {
    w = await startPairedWorld({ client: { keepAliveIntervalMs: 500 } });
    w.sim.faults.silencePings();
    const end = await w.client.closed;
    expect(end.statusCode).toBe(408);
    expect(w.sim.observed.unansweredIqs().every((iq) => iq.xmlns === 'w:p')).toBe(true);
  }, 15_000);
});
