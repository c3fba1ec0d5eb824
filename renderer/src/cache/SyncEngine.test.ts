// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountId, BridgeApi, CommandId, EventBatch, Result } from '../../../shared/src/index.js';
import type { BridgeStatus, StatusSource } from '../bridge/bridgeStatus.js';
import { ACCOUNT_A, batchFixture, chatFixture } from '../testing/factories.js';
import { InboxDb } from './db.js';
import type { SessionEvent } from './ingestBatches.js';
import { SyncEngine } from './SyncEngine.js';

/** A main process that holds a log per stream and answers catch-up in pages of `pageSize`. */
function fakeMain(pageSize: number) {
  const logs = new Map<string, EventBatch[]>();
  const listeners = new Set<(batches: readonly EventBatch[]) => void>();
  const catchUps: { accountId: AccountId | null; afterSeq: number }[] = [];
  const statusListeners = new Set<(status: BridgeStatus) => void>();
  const bridge: BridgeApi = {
    send: (name, input) => {
      if (name !== 'events.catchUp') return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: name } });
      const { accountId, afterSeq } = input as { accountId: AccountId | null; afterSeq: number };
      catchUps.push({ accountId, afterSeq });
      const log = logs.get(accountId ?? 'app') ?? [];
      const batches = log.filter((batch) => batch.seq > afterSeq).slice(0, pageSize);
      const isComplete = log.filter((batch) => batch.seq > afterSeq).length <= pageSize;
      const result: Result<unknown> = { ok: true, commandId: 'c' as CommandId, value: { batches, isComplete } };
      return Promise.resolve(result);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const status: StatusSource = {
    getStatus: () => 'open',
    onStatus: (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
  return {
    bridge,
    status,
    catchUps,
    append(batch: EventBatch, isDelivered: boolean) {
      const stream = batch.accountId ?? 'app';
      logs.set(stream, [...(logs.get(stream) ?? []), batch]);
      if (isDelivered) for (const listener of listeners) listener([batch]);
    },
    reconnect() {
      for (const listener of statusListeners) listener('open');
    },
  };
}

const chatBatch = (seq: number, unreadCount: number) =>
  batchFixture(seq, [{ type: 'chats.upserted', chats: [chatFixture({ unreadCount })] }]);

let db: InboxDb;
let counter = 0;
let sessionEvents: SessionEvent[];

beforeEach(() => {
  db = new InboxDb(`sync-engine-${counter++}`);
  sessionEvents = [];
});
afterEach(async () => {
  await db.delete();
});

function startEngine(main: ReturnType<typeof fakeMain>) {
  const engine = new SyncEngine(db, main.bridge, main.status, {
    onSession: (events) => sessionEvents.push(...events),
    knownAccountIds: () => [ACCOUNT_A],
  });
  engine.start();
  return engine;
}

describe('SyncEngine', () => {
  it('catches every stream up on start, page by page until complete', async () => {
    const main = fakeMain(2);
    for (let seq = 1; seq <= 5; seq++) main.append(chatBatch(seq, seq), false);
    main.append(batchFixture(1, [{ type: 'accounts.changed', accounts: [] }], null), false);
    const engine = startEngine(main);
    await engine.whenIdle();
    expect((await db.meta.get(ACCOUNT_A))?.lastSeq).toBe(5);
    expect((await db.chats.toArray())[0]?.unreadCount).toBe(5);
    expect(main.catchUps.filter((c) => c.accountId === ACCOUNT_A).map((c) => c.afterSeq)).toEqual([0, 2, 4]);
    expect(sessionEvents.map((event) => event.type)).toEqual(['accounts.changed']);
  });

  it('catches up again after the bridge reconnects', async () => {
    const main = fakeMain(100);
    const engine = startEngine(main);
    await engine.whenIdle();
    main.append(chatBatch(1, 7), false); // emitted while disconnected
    main.reconnect();
    await engine.whenIdle();
    await engine.whenIdle();
    expect((await db.chats.toArray())[0]?.unreadCount).toBe(7);
  });

  it('applies live batches that pile up while the lane is busy in one transaction, in order', async () => {
    const main = fakeMain(100);
    const engine = startEngine(main);
    await engine.whenIdle();
    const transaction = vi.spyOn(db, 'transaction');
    for (let seq = 1; seq <= 4; seq++) main.append(chatBatch(seq, seq * 10), true);
    await engine.whenIdle();
    expect(transaction).toHaveBeenCalledTimes(1);
    expect((await db.meta.get(ACCOUNT_A))?.lastSeq).toBe(4);
    expect((await db.chats.toArray())[0]?.unreadCount).toBe(40);
  });

  it('applies a batch that arrives after a flush in a transaction of its own', async () => {
    const main = fakeMain(100);
    const engine = startEngine(main);
    await engine.whenIdle();
    main.append(chatBatch(1, 1), true);
    await engine.whenIdle();
    main.append(chatBatch(2, 2), true);
    main.append(chatBatch(2, 99), true); // a duplicate seq (catch-up racing live) is skipped
    await engine.whenIdle();
    expect((await db.meta.get(ACCOUNT_A))?.lastSeq).toBe(2);
    expect((await db.chats.toArray())[0]?.unreadCount).toBe(2);
  });
});
