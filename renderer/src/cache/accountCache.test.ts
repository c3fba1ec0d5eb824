// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, AccountId } from '../../../shared/src/index.js';
import { hueOf } from '../components/Avatar.js';
import { useSession } from '../state/sessionStore.js';
import { batchFixture } from '../testing/factories.js';
import { readCachedAccounts, toCachedAccounts } from './accountCache.js';
import { InboxDb } from './db.js';
import { ingestBatches } from './ingestBatches.js';

const SYNC_IDLE: Account['sync'] = {
  phase: 'complete',
  progress: null,
  chunksReceived: 0,
  chunksProcessed: 0,
  messagesImported: 0,
  lateChunks: 0,
  completeSource: null,
  lastChunkAt: null,
};

function accountFixture(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acct-personal' as AccountId,
    label: 'Personal',
    phoneNumber: '15550001000',
    pushName: 'Dana',
    connection: { kind: 'open' },
    sync: SYNC_IDLE,
    ...overrides,
  };
}

let db: InboxDb;
let dbCounter = 0;

beforeEach(async () => {
  db = new InboxDb(`account-cache-test-${dbCounter++}`);
  await db.open();
  useSession.setState({ accounts: [], isAccountListLive: false, lastConnections: {}, connections: {}, sync: {} });
});
afterEach(async () => {
  await db.delete();
});

const personal = accountFixture();
const work = accountFixture({
  id: 'acct-work' as AccountId,
  label: 'Work',
  phoneNumber: '15550002000',
  connection: { kind: 'qr', qr: 'ref,key,identity,adv', expiresAt: 0 },
});

describe('the cached account list', () => {
  it('keeps every account of the latest accounts.changed, in order, with colour and last state', async () => {
    await ingestBatches(db, [batchFixture(1, [{ type: 'accounts.changed', accounts: [personal, work] }], null)]);
    expect(await readCachedAccounts(db)).toEqual([
      {
        id: personal.id,
        label: 'Personal',
        phoneNumber: '15550001000',
        pushName: 'Dana',
        hue: hueOf(personal.id),
        lastConnection: 'open',
        position: 0,
      },
      {
        id: work.id,
        label: 'Work',
        phoneNumber: '15550002000',
        pushName: 'Dana',
        hue: hueOf(work.id),
        lastConnection: 'qr',
        position: 1,
      },
    ]);
  });

  it('forgets an account that a later snapshot no longer lists (removed)', async () => {
    await ingestBatches(db, [batchFixture(1, [{ type: 'accounts.changed', accounts: [personal, work] }], null)]);
    await ingestBatches(db, [batchFixture(2, [{ type: 'accounts.changed', accounts: [work] }], null)]);
    expect((await readCachedAccounts(db)).map((account) => [account.label, account.position])).toEqual([['Work', 0]]);
  });

  it('paints the rail from the cache as not live, then yields to the live list from main', async () => {
    await ingestBatches(db, [batchFixture(1, [{ type: 'accounts.changed', accounts: [personal, work] }], null)]);
    useSession.getState().showCachedAccounts(await readCachedAccounts(db));
    expect(useSession.getState().accounts.map((account) => account.label)).toEqual(['Personal', 'Work']);
    expect(useSession.getState().isAccountListLive).toBe(false);
    expect(useSession.getState().connections).toEqual({});
    expect(useSession.getState().lastConnections).toEqual({ [personal.id]: 'open', [work.id]: 'qr' });

    useSession.getState().applySessionEvents([{ type: 'accounts.changed', accounts: [work] }]);
    expect(useSession.getState().isAccountListLive).toBe(true);
    expect(useSession.getState().accounts.map((account) => account.label)).toEqual(['Work']);
    expect(useSession.getState().connections[work.id]?.kind).toBe('qr');

    // A slow cache read that lands after main answered must not bring back the stale list.
    useSession.getState().showCachedAccounts(toCachedAccounts([personal]));
    expect(useSession.getState().accounts.map((account) => account.label)).toEqual(['Work']);
  });
});
