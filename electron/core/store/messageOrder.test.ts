import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatId, MessageId } from '../../../shared/src/index.js';
import type { AccountStore } from './AccountStore.js';
import { MIGRATIONS, runMigrations } from './migrations.js';
import { DATABASE_FILE_NAME } from './storeDatabase.js';
import type { TempProfile } from './storeFixtures.js';
import { makeMessage, makeTempProfile, openTestStore } from './storeFixtures.js';

const CHAT = '4915550001@s.whatsapp.net' as ChatId;
const SECOND = 1_700_000_000_000;
// Ids deliberately sort against the send order: the old (timestamp, id) order reversed them.
const burst = (timestamp = SECOND) =>
  ['Z9', 'M5', 'A1'].map((id, i) =>
    makeMessage({ id: id as MessageId, timestamp, body: { kind: 'text', text: `part ${i + 1}` } }),
  );

describe('message receive order', () => {
  let profile: TempProfile;
  let store: AccountStore;
  beforeEach(async () => {
    profile = makeTempProfile();
    store = await openTestStore(profile.accountDir);
  });
  afterEach(() => {
    store.close();
    profile.cleanup();
  });

  it('returns three messages of one second in the order they were stored, and the last as the preview', () => {
    for (const message of burst()) store.applyBatch([{ type: 'message.upsert', message }]);
    expect(store.pageMessages(CHAT, null, 10).messages.map((m) => m.id)).toEqual(['A1', 'M5', 'Z9']);
    expect(store.getChat(CHAT)?.preview).toMatchObject({ text: 'part 3' });
    const keys = store.pageMessages(CHAT, null, 10).messages.map((m) => m.orderKey);
    expect(keys[0]).toBeGreaterThan(keys[1]!);
    expect(keys[1]).toBeGreaterThan(keys[2]!);
  });

  it('keeps the order of messages stored in one batch (a history chunk, oldest first)', () => {
    store.applyBatch(burst().map((message) => ({ type: 'message.upsert', message })));
    expect(store.pageMessages(CHAT, null, 10).messages.map((m) => m.id)).toEqual(['A1', 'M5', 'Z9']);
    expect(store.getChat(CHAT)?.preview).toMatchObject({ text: 'part 3' });
  });

  it('splits a second across pages with the cursor, without gaps or repeats', () => {
    store.applyBatch(burst().map((message) => ({ type: 'message.upsert', message })));
    const first = store.pageMessages(CHAT, null, 2);
    expect(first.messages.map((m) => m.id)).toEqual(['A1', 'M5']);
    expect(first.nextCursor).not.toBeNull();
    const second = store.pageMessages(CHAT, first.nextCursor, 2);
    expect(second.messages.map((m) => m.id)).toEqual(['Z9']);
    expect(second.hasMoreLocal).toBe(false);
  });

  it('keeps a message in its place when a later copy updates it', () => {
    const messages = burst();
    store.applyBatch(messages.map((message) => ({ type: 'message.upsert', message })));
    const before = store.getMessage(CHAT, 'Z9')?.orderKey;
    store.applyBatch([
      { type: 'message.upsert', message: { ...messages[0]!, status: 'read' } },
      { type: 'message.status', chatId: CHAT, messageId: 'M5', status: 'read' },
    ]);
    expect(store.getMessage(CHAT, 'Z9')?.orderKey).toBe(before);
    expect(store.pageMessages(CHAT, null, 10).messages.map((m) => m.id)).toEqual(['A1', 'M5', 'Z9']);
    expect(store.getChat(CHAT)?.preview).toMatchObject({ text: 'part 3' });
  });

  it('still orders by timestamp first: a late arrival from an earlier second goes before', () => {
    store.applyBatch(burst().map((message) => ({ type: 'message.upsert', message })));
    store.applyBatch([
      { type: 'message.upsert', message: makeMessage({ id: 'LATE' as MessageId, timestamp: SECOND - 1000 }) },
    ]);
    expect(store.pageMessages(CHAT, null, 10).messages.map((m) => m.id)).toEqual(['A1', 'M5', 'Z9', 'LATE']);
    expect(store.getChat(CHAT)?.preview).toMatchObject({ text: 'part 3' });
  });

  it('ranks equally relevant search hits of one second newest received first', () => {
    store.applyBatch(burst().map((message) => ({ type: 'message.upsert', message })));
    expect(store.search('part').map((m) => m.id)).toEqual(['A1', 'M5', 'Z9']);
  });
});

describe('schema v5 migration', () => {
  let profile: TempProfile;
  beforeEach(() => {
    profile = makeTempProfile();
  });
  afterEach(() => profile.cleanup());

  it('derives the order of existing rows from their insertion order and keeps new keys above it', async () => {
    const file = path.join(profile.accountDir, DATABASE_FILE_NAME);
    const db = new Database(file);
    runMigrations(
      db,
      MIGRATIONS.filter((m) => m.version <= 4),
    );
    const insert = db.prepare(
      `INSERT INTO messages (chat_id, id, from_me, timestamp, status, body_json, details_json, hlc, seq)
       VALUES (?, ?, 0, ?, 'received', ?, '{"reactions":[]}', 'h', ?)`,
    );
    // Inserted Z9, M5, A1 within one second; later updates gave them seqs in another order.
    insert.run(CHAT, 'Z9', SECOND, JSON.stringify({ kind: 'text', text: 'one' }), 3);
    insert.run(CHAT, 'M5', SECOND, JSON.stringify({ kind: 'text', text: 'two' }), 1);
    insert.run(CHAT, 'A1', SECOND, JSON.stringify({ kind: 'text', text: 'three' }), 2);
    db.prepare("INSERT INTO meta (key, value) VALUES ('seq', '1')").run();
    db.close();

    const store = await openTestStore(profile.accountDir);
    try {
      expect(store.pageMessages(CHAT, null, 10).messages.map((m) => m.id)).toEqual(['A1', 'M5', 'Z9']);
      store.applyBatch([
        { type: 'message.upsert', message: makeMessage({ id: 'B0' as MessageId, timestamp: SECOND }) },
      ]);
      expect(store.pageMessages(CHAT, null, 10).messages.map((m) => m.id)).toEqual(['B0', 'A1', 'M5', 'Z9']);
    } finally {
      store.close();
    }
  });
});
