import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { addTransactionCapability, Curve, getNextPreKeys } from '@whiskeysockets/baileys';
import type { KeyPair, SignalKeyStoreWithTransaction } from '@whiskeysockets/baileys';
import type { AccountStore } from '../store/index.js';
import { makeTempProfile, openTestStore } from '../store/storeFixtures.js';
import type { TempProfile } from '../store/storeFixtures.js';
import { makeSqliteAuthState, PreKeyOverwriteError } from './sqliteAuthState.js';
import type { SqliteAuthState } from './sqliteAuthState.js';

/**
 * Pre-key minting runs Baileys' own getNextPreKeys over our store, wrapped the way socket.js wraps it
 * (addTransactionCapability). A "crash" is simulated by reopening the auth state from SQLite after
 * one of the two writes (key commit, creds row) was discarded.
 */
describe('sqliteAuthState pre-key durability', () => {
  let profile: TempProfile | undefined;
  let store: AccountStore | undefined;
  afterEach(() => {
    store?.close();
    profile?.cleanup();
    store = undefined;
    profile = undefined;
  });

  async function open(): Promise<AccountStore> {
    profile ??= makeTempProfile();
    store = await openTestStore(profile.accountDir);
    return store;
  }

  const wrap = (auth: SqliteAuthState): SignalKeyStoreWithTransaction =>
    addTransactionCapability(auth.state.keys, pino({ level: 'silent' }), {
      maxCommitRetries: 1,
      delayBetweenTriesMs: 0,
    });

  /** Mints one pre-key as sendRetryRequest does: inside a key transaction, creds.update before commit. */
  async function mintLikeRetryReceipt(auth: SqliteAuthState, crashBeforeCommit = false): Promise<number> {
    let minted = 0;
    const keys = wrap(auth);
    await keys
      .transaction(async () => {
        const { update, preKeys } = await getNextPreKeys({ creds: auth.state.creds, keys }, 1);
        minted = Number(Object.keys(preKeys)[0]);
        // WaConnection's creds.update listener: assign and save, synchronously, before the commit.
        Object.assign(auth.state.creds, update);
        auth.saveCreds();
        if (crashBeforeCommit) throw new Error('killed before the key commit');
      }, 'me')
      .catch((err: unknown) => {
        if (!crashBeforeCommit) throw err;
      });
    return minted;
  }

  const storedPreKey = async (auth: SqliteAuthState, id: number): Promise<KeyPair | undefined> =>
    (await auth.state.keys.get('pre-key', [String(id)]))[String(id)];

  it('with the stock order (creds saved first) a lost key commit never lets the id be minted again', async () => {
    const s = await open();
    const first = makeSqliteAuthState(s);
    const lost = await mintLikeRetryReceipt(first, true);
    expect(await storedPreKey(first, lost)).toBeUndefined();

    const afterRestart = makeSqliteAuthState(s);
    expect(afterRestart.state.creds.nextPreKeyId).toBe(lost + 1);
    const next = await mintLikeRetryReceipt(afterRestart);
    expect(next).toBe(lost + 1);
    expect(await storedPreKey(afterRestart, next)).toBeDefined();
  });

  it('repairs the counter on load when a pre-key was committed but its creds write was discarded', async () => {
    const s = await open();
    const first = makeSqliteAuthState(s);
    const credsBefore = s.readCreds()!;
    const minted = await mintLikeRetryReceipt(first);
    const original = await storedPreKey(first, minted);
    // The crash the soak engineer described: the key landed, the creds row did not.
    s.writeCreds(credsBefore);

    const afterRestart = makeSqliteAuthState(s);
    expect(afterRestart.state.creds.nextPreKeyId).toBe(minted + 1);
    expect(makeSqliteAuthState(s).state.creds.nextPreKeyId).toBe(minted + 1);
    const next = await mintLikeRetryReceipt(afterRestart);
    expect(next).not.toBe(minted);
    const kept = await storedPreKey(afterRestart, minted);
    expect(Buffer.from(kept!.private)).toEqual(Buffer.from(original!.private));
  });

  it('advances and persists the counter in the key transaction when a pre-key lands at or past it', async () => {
    const s = await open();
    const auth = makeSqliteAuthState(s);
    const keys = wrap(auth);
    // Outside a transaction getNextPreKeys writes the key before any creds.update: drop that update.
    const { preKeys } = await getNextPreKeys({ creds: auth.state.creds, keys }, 3);
    const highest = Math.max(...Object.keys(preKeys).map(Number));
    expect(auth.state.creds.nextPreKeyId).toBe(highest + 1);
    expect(auth.state.creds.firstUnuploadedPreKeyId).toBe(highest + 1);
    expect(makeSqliteAuthState(s).state.creds.nextPreKeyId).toBe(highest + 1);
  });

  it('refuses to replace a stored pre-key with a different key pair and rolls the whole set back', async () => {
    const s = await open();
    const auth = makeSqliteAuthState(s);
    const original = Curve.generateKeyPair();
    await auth.state.keys.set({ 'pre-key': { '5': original } });
    // Rewriting the same pair is idempotent.
    await auth.state.keys.set({ 'pre-key': { '5': original } });

    expect(() =>
      auth.state.keys.set({ 'pre-key': { '5': Curve.generateKeyPair() }, session: { peer: new Uint8Array([1]) } }),
    ).toThrow(PreKeyOverwriteError);
    expect(Buffer.from((await storedPreKey(auth, 5))!.private)).toEqual(Buffer.from(original.private));
    expect((await auth.state.keys.get('session', ['peer'])).peer).toBeUndefined();
  });

  it('does not move the counter for deleted (consumed) pre-keys', async () => {
    const s = await open();
    const auth = makeSqliteAuthState(s);
    const before = auth.state.creds.nextPreKeyId;
    await auth.state.keys.set({ 'pre-key': { '900': null } });
    expect(auth.state.creds.nextPreKeyId).toBe(before);
    expect(makeSqliteAuthState(s).state.creds.nextPreKeyId).toBe(before);
  });
});
