import { afterEach, describe, expect, it } from 'vitest';
import { proto } from '@whiskeysockets/baileys';
import type { AccountStore } from '../store/index.js';
import { makeTempProfile, openTestStore } from '../store/storeFixtures.js';
import type { TempProfile } from '../store/storeFixtures.js';
import { AuthStateReadError, makeSqliteAuthState } from './sqliteAuthState.js';

describe('makeSqliteAuthState', () => {
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

  it('creates creds only when the store has no creds row, and reads the same creds back', async () => {
    const s = await open();
    const first = makeSqliteAuthState(s);
    expect(first.isNew).toBe(true);
    Object.assign(first.state.creds, { registrationId: 4242 });
    first.saveCreds();
    const second = makeSqliteAuthState(s);
    expect(second.isNew).toBe(false);
    expect(second.state.creds.registrationId).toBe(4242);
    expect(Buffer.from(second.state.creds.noiseKey.private)).toEqual(Buffer.from(first.state.creds.noiseKey.private));
  });

  it('throws a typed error for a damaged creds row instead of starting over', async () => {
    const s = await open();
    s.writeCreds(new TextEncoder().encode('{"noiseKey": '));
    expect(() => makeSqliteAuthState(s)).toThrow(AuthStateReadError);
  });

  it('writes and deletes keys of several types in one set, and revives app-state keys as protos', async () => {
    const s = await open();
    const { keys } = makeSqliteAuthState(s).state;
    await keys.set({
      session: { a: new Uint8Array([1, 2, 3]) },
      'app-state-sync-key': { k1: proto.Message.AppStateSyncKeyData.fromObject({ keyData: new Uint8Array([9]) }) },
    });
    expect(Buffer.from((await keys.get('session', ['a'])).a!)).toEqual(Buffer.from([1, 2, 3]));
    const appKey = (await keys.get('app-state-sync-key', ['k1'])).k1;
    expect(appKey).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    await keys.set({ session: { a: null } });
    expect((await keys.get('session', ['a'])).a).toBeUndefined();
  });
});
