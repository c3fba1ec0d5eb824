import { proto } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../contact.js';
import { historyMessage } from '../history/index.js';
import { waitForEvent } from '../testing/events.js';
import { startPairedWorld } from '../testing/fixtures.js';
import type { PairedWorld } from '../testing/fixtures.js';

describe('on-demand history (fetchMessageHistory → PDO request → ON_DEMAND chunk)', () => {
  let w: PairedWorld;
  let ana: Contact;
  const T0 = 1_700_000_000;
  beforeAll(async () => {
    w = await startPairedWorld({
      beforePair: (sim) => {
        ana = sim.addContact({ pushName: 'Ana' });
        // 60 older messages, one a minute, oldest first: OLD00 … OLD59.
        sim.olderHistory.seed(
          ana.pnJid,
          Array.from({ length: 60 }, (_, i) =>
            historyMessage({
              remoteJid: ana.pnJid,
              id: `OLD${String(i).padStart(2, '0')}`,
              timestamp: T0 + i * 60,
              text: `old ${i}`,
              fromMe: i % 3 === 0,
            }),
          ),
        );
      },
    });
  });
  afterAll(async () => {
    await w.teardown();
  });

  const fetchOlder = async (count: number, oldest: { id: string; fromMe: boolean; ts: number }) => {
    // One request at a time, so the next ON_DEMAND set is its answer (Baileys' history cache drops chats it
    // already emitted, so later answers carry messages but no chat).
    const got = waitForEvent(
      w.client.sock,
      'messaging-history.set',
      (h) => h.syncType === proto.HistorySync.HistorySyncType.ON_DEMAND,
    );
    const requestId = await w.client.sock.fetchMessageHistory(
      count,
      { remoteJid: ana.pnJid, id: oldest.id, fromMe: oldest.fromMe },
      oldest.ts * 1000,
    );
    const set = await got;
    return { requestId, set };
  };

  it('answers with the newest older messages, at most 50 per request, tagged with the request id', async () => {
    const { requestId, set } = await fetchOlder(100, { id: 'NEWEST', fromMe: false, ts: T0 + 3600 });
    expect(set.messages).toHaveLength(50);
    expect(set.messages[0]?.key.id).toBe('OLD59');
    expect(set.messages.at(-1)?.key.id).toBe('OLD10');
    expect(set.peerDataRequestSessionId).toBe(requestId);
    expect(w.sim.olderHistory.requests.at(-1)).toMatchObject({ requestId, count: 100, answered: 50 });
  });

  it('pages further back from the oldest message the app has, then answers "nothing older"', async () => {
    const { set } = await fetchOlder(50, { id: 'OLD10', fromMe: false, ts: T0 + 600 });
    expect(set.messages.map((m) => m.key.id)).toEqual(Array.from({ length: 10 }, (_, i) => `OLD0${9 - i}`));
    expect(set.messages.find((m) => m.key.id === 'OLD09')?.key.fromMe).toBe(true);
    const end = await fetchOlder(50, { id: 'OLD00', fromMe: true, ts: T0 });
    expect(end.set.messages).toEqual([]);
    expect(end.set.peerDataRequestSessionId).toBe(end.requestId);
    expect(w.sim.olderHistory.requests.map((r) => r.answered)).toEqual([50, 10, 0]);
  });
});
