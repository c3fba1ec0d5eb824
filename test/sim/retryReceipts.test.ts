import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from './peer.js';
import { startPairedWorld } from './testing/fixtures.js';
import type { PairedWorld } from './testing/fixtures.js';

describe('a contact that cannot decrypt what the app sent', () => {
  let w: PairedWorld;
  beforeAll(async () => {
    w = await startPairedWorld();
  });
  afterAll(async () => {
    await w.teardown();
  });

  it('answers with a retry receipt, and decrypts the copy the app re-encrypts for it', async () => {
    const dee = w.sim.addContact({ pushName: 'Dee' });
    await w.upserts.byId(await dee.sendText('hi'));
    const first = await w.client.sock.sendMessage(dee.pnJid, { text: 'before the loss' });
    await dee.waitForMessage((m) => m.id === first?.key.id);

    // Dee's device lost its Signal session (a restore, say): the app's next message is undecryptable.
    await dee.actor.forgetSession(w.sim.deviceAddress);
    const failuresBefore = w.sim.stats.peerDecryptFailures;
    const sent = await w.client.sock.sendMessage(dee.pnJid, { text: 'after the loss' });
    const id = sent?.key.id ?? '';

    const got = await dee.waitForMessage((m) => m.id === id, 15_000);
    expect(textOf(got.message)).toBe('after the loss');
    expect(w.sim.stats.peerDecryptFailures).toBeGreaterThan(failuresBefore);
    const retries = w.sim.observed.sent((n) => n.tag === 'receipt' && n.attrs.type === 'retry' && n.attrs.id === id);
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries[0]?.node.attrs.from).toBe(dee.pnJid);
    // The app sent the message id twice: the undecryptable copy, then the re-encrypted one.
    const copies = w.sim.observed.received((n) => n.tag === 'message' && n.attrs.id === id);
    expect(copies.length).toBeGreaterThanOrEqual(2);
    expect(dee.received.filter((m) => m.id === id)).toHaveLength(1);
  });

  it('attaches its keys from the second request on and asks at most five times for one message', async () => {
    const eli = w.sim.addContact({ pushName: 'Eli' });
    await w.upserts.byId(await eli.sendText('hello'));
    eli.failDecryptions = 100; // no copy will ever be readable
    const sent = await w.client.sock.sendMessage(eli.pnJid, { text: 'never readable' });
    const id = sent?.key.id ?? '';
    const retries = (): ReturnType<typeof w.sim.observed.sent> =>
      w.sim.observed.sent((n) => n.tag === 'receipt' && n.attrs.type === 'retry' && n.attrs.id === id);
    const deadline = Date.now() + 20_000;
    while (retries().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1_500)); // room for more copies and requests
    const requests = retries().map((o) => {
      const children = Array.isArray(o.node.content) ? o.node.content : [];
      return {
        count: children.find((c) => c.tag === 'retry')?.attrs.count,
        hasKeys: children.some((c) => c.tag === 'keys'),
      };
    });
    // Baileys re-sends a message only a few times (rc14: 3), and each copy Eli cannot read costs a
    // request, so there are as many requests as copies, never more than five.
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests.length).toBeLessThanOrEqual(5);
    expect(requests.map((r) => r.count)).toEqual(requests.map((_, i) => String(i + 1)));
    expect(requests.map((r) => r.hasKeys)).toEqual(requests.map((_, i) => i > 0));
    const copies = w.sim.observed.received((n) => n.tag === 'message' && n.attrs.id === id);
    expect(copies).toHaveLength(requests.length);
    expect(eli.received.some((m) => m.id === id)).toBe(false);
  });
});
