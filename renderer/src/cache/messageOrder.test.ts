// @vitest-environment node
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message, MessageId } from '../../../shared/src/index.js';
import { compareMessageOrder } from '../../../shared/src/index.js';
import { mergeById } from '../features/useTimelineMessages.js';
import { ACCOUNT_A, batchFixture, messageFixture } from '../testing/factories.js';
import { chatMessages, InboxDb, RECENT_WINDOW_PER_CHAT } from './db.js';
import { ingestBatches } from './ingestBatches.js';

const CHAT = messageFixture().chatId;
const SECOND = 1_700_000_000_000;
// Ids sort against the receive order: the old (timestamp, id) order reversed this burst.
const burst = (): Message[] =>
  ['z', 'm', 'a'].map((id, i) => messageFixture({ id: id as MessageId, timestamp: SECOND, orderKey: 10 + i }));
const ids = (messages: readonly Message[]): string[] => messages.map((m) => m.id);

describe('compareMessageOrder', () => {
  it.each([
    { name: 'earlier timestamp first', a: { timestamp: 1, orderKey: 9 }, b: { timestamp: 2, orderKey: 1 }, sign: -1 },
    {
      name: 'same second: lower orderKey first',
      a: { timestamp: 1, orderKey: 2 },
      b: { timestamp: 1, orderKey: 3 },
      sign: -1,
    },
    {
      name: 'same second: ids do not decide',
      a: { timestamp: 1, orderKey: 5, id: 'a' },
      b: { timestamp: 1, orderKey: 4, id: 'z' },
      sign: 1,
    },
    {
      name: 'full tie: by id',
      a: { timestamp: 1, orderKey: 0, id: 'a' },
      b: { timestamp: 1, orderKey: 0, id: 'b' },
      sign: -1,
    },
    {
      name: 'same message',
      a: { timestamp: 1, orderKey: 1, id: 'a' },
      b: { timestamp: 1, orderKey: 1, id: 'a' },
      sign: 0,
    },
  ])('$name', ({ a, b, sign }) => {
    const x = { id: 'x', ...a };
    const y = { id: 'x', ...b };
    expect(Math.sign(compareMessageOrder(x, y))).toBe(sign);
    expect(Math.sign(compareMessageOrder(y, x))).toBe(-sign || 0);
  });

  it('orders the timeline merge of older pages and the recent window', () => {
    const [z, m, a] = burst();
    const older = [messageFixture({ id: 'old' as MessageId, timestamp: SECOND - 1000, orderKey: 99 })];
    expect(ids(mergeById(older, [a!, z!, m!]))).toEqual(['old', 'z', 'm', 'a']);
  });
});

describe('message cache order', () => {
  let db: InboxDb | undefined;
  const names: string[] = [];
  afterEach(async () => {
    db?.close();
    db = undefined;
    for (const name of names.splice(0)) await Dexie.delete(name);
  });

  it('reads a burst within one second in receive order and trims the oldest received first', async () => {
    names.push('order-window');
    db = new InboxDb('order-window');
    const filler = Array.from({ length: RECENT_WINDOW_PER_CHAT - 2 }, (_, i) =>
      messageFixture({ id: `f${i}` as MessageId, timestamp: SECOND + 1000 + i, orderKey: 100 + i }),
    );
    await ingestBatches(db, [batchFixture(1, [{ type: 'messages.upserted', messages: [...burst(), ...filler] }])]);
    const kept = await chatMessages(db, ACCOUNT_A, CHAT).toArray();
    expect(kept).toHaveLength(RECENT_WINDOW_PER_CHAT);
    // 'z' was received first of the burst, so it is the one trimmed, though its id sorts last.
    expect(ids(kept.slice(0, 2))).toEqual(['m', 'a']);
  });

  it('upgrades a version 2 cache without losing messages; old rows get orderKey 0', async () => {
    names.push('order-upgrade');
    const old = new Dexie('order-upgrade');
    old.version(1).stores({
      chats: '[accountId+id], accountId, lastMessageAt',
      contacts: '[accountId+id], accountId',
      messages: '[accountId+chatId+id], [accountId+chatId+timestamp], accountId',
      meta: 'stream',
    });
    old.version(2).stores({ accounts: 'id, position' });
    const { orderKey: _dropped, ...legacy } = messageFixture({ id: 'legacy' as MessageId });
    await old.table('messages').put(legacy);
    await old.table('meta').put({ stream: ACCOUNT_A, lastSeq: 7 });
    old.close();

    db = new InboxDb('order-upgrade');
    const rows = await chatMessages(db, ACCOUNT_A, CHAT).toArray();
    expect(rows).toEqual([{ ...legacy, orderKey: 0 }]);
    expect(await db.meta.get(ACCOUNT_A)).toEqual({ stream: ACCOUNT_A, lastSeq: 7 });
  });
});
