import { afterEach, describe, expect, it } from 'vitest';
import { closeClient, connectClient } from './testing/connectClient.js';
import { UpsertLog } from './testing/events.js';
import { startPairedWorld } from './testing/fixtures.js';
import type { PairedWorld } from './testing/fixtures.js';

/** Reconnects the world's auth and returns an upsert log attached before any stanza arrives. */
async function reconnect(w: PairedWorld): Promise<UpsertLog> {
  let log: UpsertLog | undefined;
  w.client = await connectClient(w.sim, {
    auth: w.auth,
    onSocket: (c) => {
      log = new UpsertLog(c.sock);
    },
  });
  return log!;
}

describe('offline queue, redelivery and retries', () => {
  let w: PairedWorld;
  afterEach(async () => {
    await w.teardown();
  });

  it('queues messages for an offline client and delivers them (offline="1") on login', async () => {
    w = await startPairedWorld();
    const dee = w.sim.addContact({ pushName: 'Dee' });
    await closeClient(w.client);
    const ids = [
      await dee.send({ kind: 'text', text: 'while you were away 1' }),
      await dee.send({ kind: 'text', text: 'while you were away 2' }),
    ];
    expect(w.sim.mailbox.size).toBe(2);
    const log = await reconnect(w);
    for (const id of ids) expect((await log.byId(id)).message?.conversation).toMatch(/while you were away/);
    const redelivered = w.sim.observed.sent((n) => n.tag === 'message' && ids.includes(n.attrs.id ?? ''));
    expect(redelivered.map((o) => o.node.attrs.offline)).toEqual(['1', '1']);
    const offlineIb = await w.sim.observed.waitForNode(
      (o) => o.dir === 'out' && o.node.tag === 'ib' && o.connId === w.sim.activeConnection?.id,
    );
    expect(JSON.stringify(offlineIb.node.content)).toContain('"count":"2"');
    await w.sim.observed.waitForNode(() => ids.every((id) => w.sim.observed.acked(id)), 3000);
    expect(w.sim.mailbox.size).toBe(0);
  });

  it('delivers again a message lost in transit, on the next connection', async () => {
    w = await startPairedWorld();
    const eve = w.sim.addContact({ pushName: 'Eve' });
    await w.upserts.byId(await eve.send({ kind: 'text', text: 'warm-up' }));
    const id = await eve.send({ kind: 'text', text: 'lost on the wire' }, { lostInTransit: true });
    await w.client.closed;
    expect(w.sim.observed.acked(id)).toBe(false);
    expect(w.sim.mailbox.deliveries(id)).toBe(1);
    const log = await reconnect(w);
    expect((await log.byId(id)).message?.conversation).toBe('lost on the wire');
    expect(
      w.sim.observed.sent((n) => n.tag === 'message' && n.attrs.id === id && n.attrs.offline === '1'),
    ).toHaveLength(1);
    await w.sim.observed.waitForNode(() => w.sim.observed.acked(id), 3000);
  });

  it('redelivers a message whose receipt was lost; the client acks the copy it already consumed', async () => {
    w = await startPairedWorld();
    const gus = w.sim.addContact({ pushName: 'Gus' });
    await w.upserts.byId(await gus.send({ kind: 'text', text: 'warm-up' }));
    const id = await gus.send({ kind: 'text', text: 'receipt lost' }, { dropConnectionAfterSend: true });
    await w.client.closed;
    await reconnect(w);
    expect(
      w.sim.observed.sent((n) => n.tag === 'message' && n.attrs.id === id && n.attrs.offline === '1'),
    ).toHaveLength(1);
    await w.sim.observed.waitForNode(() => w.sim.observed.acked(id), 3000);
  });

  it('answers a retry receipt by re-encrypting the message', async () => {
    w = await startPairedWorld();
    const fin = w.sim.addContact({ pushName: 'Fin' });
    await w.upserts.byId(await fin.send({ kind: 'text', text: 'session up' }));
    const id = await fin.send({ kind: 'text', text: 'second try works' }, { corrupt: true });
    const retry = await w.sim.observed.waitForNode(
      (o) => o.dir === 'in' && o.node.tag === 'receipt' && o.node.attrs.type === 'retry' && o.node.attrs.id === id,
    );
    expect(retry.node.attrs.id).toBe(id);
    const msg = await w.upserts.waitFor((m) => m.key.id === id && m.message?.conversation === 'second try works');
    expect(msg.key.fromMe).toBe(false);
    expect(w.sim.stats.retryReceiptsAnswered).toBeGreaterThanOrEqual(1);
  });

  it('answers a second retry (which carries the client keys) from a fresh session', async () => {
    w = await startPairedWorld();
    const gil = w.sim.addContact({ pushName: 'Gil' });
    await w.upserts.byId(await gil.send({ kind: 'text', text: 'session up' }));
    const id = await gil.send({ kind: 'text', text: 'third time lucky' }, { corrupt: 2 });
    const msg = await w.upserts.waitFor((m) => m.key.id === id && m.message?.conversation === 'third time lucky', 8000);
    expect(msg.key.id).toBe(id);
    const retries = w.sim.observed.receiptsFor(id).filter((r) => r.attrs.type === 'retry');
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(retries.at(-1)?.content)).toContain('"tag":"keys"');
  });

  it('tops up prekeys when told they are low (PreKeyLow) and acks the notification', async () => {
    w = await startPairedWorld();
    const before = w.sim.observed.iqs.filter((i) => i.xmlns === 'encrypt' && i.child === 'registration').length;
    const id = w.sim.notifyPreKeyLow(2);
    await w.sim.observed.waitForNode(
      () =>
        w.sim.observed.iqs.filter((i) => i.xmlns === 'encrypt' && i.child === 'registration' && i.answered).length >
        before,
      5000,
    );
    await w.sim.observed.waitForNode(() => w.sim.observed.acked(id), 3000);
    expect(w.sim.observed.unansweredIqs()).toEqual([]);
  });
});
