import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountStore } from './AccountStore.js';
import { KeyDecryptError, StoreCorruptError, StoreVersionError } from './errors.js';
import { staticKeyProvider } from './keyProvider.js';
import { LATEST_SCHEMA_VERSION } from './migrations.js';
import { DATABASE_FILE_NAME } from './storeDatabase.js';
import type { TempProfile } from './storeFixtures.js';
import { makeTempProfile, openTestStore } from './storeFixtures.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array | undefined): string | undefined =>
  value === undefined ? undefined : new TextDecoder().decode(value);

describe('signal credentials and keys', () => {
  let profile: TempProfile;
  let store: AccountStore;
  const dbFile = (): string => path.join(profile.accountDir, DATABASE_FILE_NAME);

  beforeEach(async () => {
    profile = makeTempProfile();
    store = await openTestStore(profile.accountDir);
  });
  afterEach(() => {
    store.close();
    profile.cleanup();
  });

  it('migrates an empty file to the latest schema with WAL and foreign keys', () => {
    store.close();
    const db = new Database(dbFile(), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['creds', 'keys', 'chats', 'messages', 'messages_fts', 'contacts', 'outbox']),
    );
    db.close();
  });

  it('reports a fresh install only when the creds row is absent', async () => {
    expect(store.readCreds()).toBeUndefined();
    store.writeCreds(bytes('{"me":"x"}'));
    store.close();
    store = await openTestStore(profile.accountDir);
    expect(text(store.readCreds())).toBe('{"me":"x"}');
  });

  it('writes and deletes keys of any type in one call', () => {
    store.setKeys({ 'pre-key': { '1': bytes('a'), '2': bytes('b') }, 'some-future-type': { x: bytes('c') } });
    store.setKeys({ 'pre-key': { '1': null } });
    const got = store.getKeys('pre-key', ['1', '2', '3']);
    expect(got['1']).toBeUndefined();
    expect(text(got['2'])).toBe('b');
    expect(got['3']).toBeUndefined();
    expect(text(store.getKeys('some-future-type', ['x'])['x'])).toBe('c');
  });

  it('rolls back every key write when the transaction throws midway', () => {
    expect(() =>
      store.transaction(() => {
        store.setKeys({ session: { a: bytes('1') } });
        store.writeCreds(bytes('creds'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.getKeys('session', ['a'])['a']).toBeUndefined();
    expect(store.readCreds()).toBeUndefined();
  });

  it('joins nested transactions to the outer one', () => {
    expect(() =>
      store.transaction(() => {
        store.transaction(() => store.setKeys({ session: { inner: bytes('1') } }));
        store.setKeys({ session: { outer: bytes('2') } });
        throw new Error('outer fails');
      }),
    ).toThrow('outer fails');
    expect(store.getKeys('session', ['inner', 'outer'])).toEqual({ inner: undefined, outer: undefined });
    store.transaction(() => store.transaction(() => store.setKeys({ session: { ok: bytes('3') } })));
    expect(text(store.getKeys('session', ['ok'])['ok'])).toBe('3');
  });

  it('keeps key material encrypted at rest', () => {
    const secret = 'SECRET-SESSION-MATERIAL-0123456789';
    store.setKeys({ session: { 'peer.0': bytes(secret) } });
    store.writeCreds(bytes(`{"noiseKey":"${secret}"}`));
    store.close();
    const files = fs.readdirSync(profile.accountDir).map((f) => fs.readFileSync(path.join(profile.accountDir, f)));
    for (const file of files) expect(file.includes(Buffer.from(secret))).toBe(false);
  });

  it('raises KeyDecryptError for a tampered key row instead of returning undefined', async () => {
    store.setKeys({ session: { a: bytes('value') } });
    store.close();
    const db = new Database(dbFile());
    const value = db.prepare("SELECT value FROM keys WHERE id = 'a'").pluck().get() as Buffer;
    value.writeUInt8((value.at(-1) ?? 0) ^ 0xff, value.length - 1); // flip the last ciphertext byte
    db.prepare("UPDATE keys SET value = ? WHERE id = 'a'").run(value);
    db.close();
    store = await openTestStore(profile.accountDir);
    expect(() => store.getKeys('session', ['a'])).toThrow(KeyDecryptError);
  });

  it('raises KeyDecryptError for a key row copied onto another id', async () => {
    store.setKeys({ session: { a: bytes('alice'), b: bytes('bob') } });
    store.close();
    const db = new Database(dbFile());
    db.prepare("UPDATE keys SET value = (SELECT value FROM keys WHERE id = 'a') WHERE id = 'b'").run();
    db.close();
    store = await openTestStore(profile.accountDir);
    expect(() => store.getKeys('session', ['b'])).toThrow(KeyDecryptError);
  });

  it('raises StoreCorruptError for a creds row that is not an envelope', async () => {
    store.writeCreds(bytes('{}'));
    store.close();
    const db = new Database(dbFile());
    db.prepare("UPDATE creds SET value = X'0102'").run();
    db.close();
    store = await openTestStore(profile.accountDir);
    expect(() => store.readCreds()).toThrow(StoreCorruptError);
  });

  it('refuses to open with a different key', async () => {
    store.writeCreds(bytes('{}'));
    store.close();
    await expect(openTestStore(profile.accountDir, staticKeyProvider(new Uint8Array(32).fill(9)))).rejects.toThrow(
      KeyDecryptError,
    );
    store = await openTestStore(profile.accountDir);
  });

  it('refuses a database written by a newer schema', async () => {
    store.close();
    const db = new Database(dbFile());
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    await expect(openTestStore(profile.accountDir)).rejects.toThrow(StoreVersionError);
    const fix = new Database(dbFile());
    fix.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    fix.close();
    store = await openTestStore(profile.accountDir);
  });
});
