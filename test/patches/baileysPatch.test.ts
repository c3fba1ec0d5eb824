import { randomBytes } from 'node:crypto';
import { Curve, generateMessageID, type WAMessage } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient } from '../sim/testing/connectClient.js';
import { UpsertLog } from '../sim/testing/events.js';
import { startPairedWorld, type PairedWorld } from '../sim/testing/fixtures.js';

/**
 * The project's patch of Baileys 7.0.0-rc14 (patches/), tested through the real socket against the
 * simulator: signatures are really verified, and `beforeReceipt` runs inside the decryption's key
 * transaction and before the delivery receipt, so a failed persist loses nothing.
 */
describe('patched Curve.verify', () => {
  const pair = Curve.generateKeyPair();
  const other = Curve.generateKeyPair();
  const message = randomBytes(48);
  const signature = Curve.sign(pair.private, message);

  it('accepts the right key and signature', () => {
    expect(Curve.verify(pair.public, message, signature)).toBe(true);
  });

  it('rejects another key, a garbage signature and a changed message (stock rc14 accepts all three)', () => {
    expect(Curve.verify(other.public, message, signature)).toBe(false);
    expect(Curve.verify(pair.public, message, Buffer.alloc(64, 7))).toBe(false);
    expect(Curve.verify(pair.public, Buffer.concat([message, Buffer.from([1])]), signature)).toBe(false);
  });
});

describe('patched receipt order: persist before the delivery receipt', () => {
  let w: PairedWorld;
  afterEach(async () => {
    await w.teardown();
  });

  it('calls beforeReceipt with the decrypted message before the receipt leaves the client', async () => {
    const persistedAt = new Map<string, number>();
    w = await startPairedWorld({
      client: {
        beforeReceipt: (msg: WAMessage) => {
          persistedAt.set(msg.key.id ?? '', Date.now());
          return Promise.resolve();
        },
      },
    });
    const ana = w.sim.addContact({ pushName: 'Ana' });
    const id = await ana.send({ kind: 'text', text: 'persist me first' });
    await w.upserts.byId(id);
    const receipt = await w.sim.observed.waitForNode(
      (o) => o.dir === 'in' && o.node.tag === 'receipt' && o.node.attrs.id === id,
      3000,
    );
    const persisted = persistedAt.get(id);
    expect(persisted).toBeDefined();
    expect(persisted).toBeLessThanOrEqual(receipt.at);
  });

  it('a failed persist sends no receipt, rolls the keys back, and the redelivery is decrypted once', async () => {
    let failNext = true;
    const persisted: string[] = [];
    const beforeReceipt = (msg: WAMessage): Promise<void> => {
      if (failNext && msg.message?.conversation === 'disk was full') {
        failNext = false;
        return Promise.reject(new Error('disk full'));
      }
      persisted.push(msg.key.id ?? '');
      return Promise.resolve();
    };
    w = await startPairedWorld({ client: { beforeReceipt } });
    const bo = w.sim.addContact({ pushName: 'Bo' });
    await w.upserts.byId(await bo.send({ kind: 'text', text: 'warm-up' }));
    const id = await bo.send({ kind: 'text', text: 'disk was full' });
    await w.sim.observed.waitForNode((o) => o.dir === 'in' && o.node.tag === 'ack' && o.node.attrs.id === id, 3000);
    expect(w.sim.observed.receiptsFor(id)).toHaveLength(0);
    expect(w.upserts.messages.some((m) => m.key.id === id)).toBe(false);

    // Next connection: the server delivers the unacknowledged message again, and because the
    // ratchet advance was rolled back with the failed persist, it still decrypts.
    w.sim.faults.dropConnection();
    await w.client.closed;
    let log: UpsertLog | undefined;
    w.client = await connectClient(w.sim, {
      auth: w.auth,
      config: { beforeReceipt },
      onSocket: (c) => {
        log = new UpsertLog(c.sock);
      },
    });
    expect((await log!.byId(id)).message?.conversation).toBe('disk was full');
    expect(persisted.filter((p) => p === id)).toHaveLength(1);
    await w.sim.observed.waitForNode(() => w.sim.observed.receiptsFor(id).length > 0, 3000);
  });
});

describe('patched redelivery of a message the app already stored', () => {
  let w: PairedWorld;
  afterEach(async () => {
    await w.teardown();
  });

  it('answers it with the delivery receipt it never got, not a nack or a retry receipt', async () => {
    const stored = new Set<string>();
    const id = generateMessageID();
    const beforeReceipt = (msg: WAMessage): Promise<void> => {
      stored.add(msg.key.id ?? '');
      // The link dies after the message is stored and its keys commit, before the receipt leaves:
      // what a crash between the key commit and the receipt looks like to the server.
      if (msg.key.id === id) w.sim.faults.dropConnection();
      return Promise.resolve();
    };
    const storedAs = (key: WAMessage['key']): Promise<'message' | undefined> =>
      Promise.resolve(stored.has(key.id ?? '') ? 'message' : undefined);
    w = await startPairedWorld({ client: { beforeReceipt, storedAs } });
    const cy = w.sim.addContact({ pushName: 'Cy' });
    await w.upserts.byId(await cy.send({ kind: 'text', text: 'warm-up' }));

    await cy.send({ kind: 'text', text: 'stored, receipt lost' }, { id });
    await w.client.closed;
    expect(stored.has(id)).toBe(true);
    expect(w.sim.observed.receiptsFor(id)).toHaveLength(0);

    w.client = await connectClient(w.sim, { auth: w.auth, config: { beforeReceipt, storedAs } });
    await w.sim.observed.waitForNode(() => w.sim.observed.receiptsFor(id).length > 0, 5000);
    const answers = w.sim.observed.received((n) => n.attrs.id === id && (n.tag === 'ack' || n.tag === 'receipt'));
    expect(answers.some((o) => o.node.tag === 'ack' && o.node.attrs.error !== undefined)).toBe(false);
    expect(answers.some((o) => o.node.attrs.type === 'retry')).toBe(false);
    expect(w.sim.mailbox.pending().some((n) => n.attrs.id === id)).toBe(false);
  });
});
