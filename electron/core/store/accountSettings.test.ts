import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountStore } from './AccountStore.js';
import { StoreCorruptError } from './errors.js';
import { decodeHlc } from './hlc.js';
import { MIGRATIONS, readUserVersion, runMigrations } from './migrations.js';
import { DATABASE_FILE_NAME } from './storeDatabase.js';
import type { TempProfile } from './storeFixtures.js';
import { makeTempProfile, openTestStore } from './storeFixtures.js';

const T0 = 1_800_000_000_000;

describe('account settings', () => {
  let profile: TempProfile;
  let store: AccountStore;
  let nowMs = T0;
  beforeEach(async () => {
    profile = makeTempProfile();
    nowMs = T0;
    store = await openTestStore(profile.accountDir, undefined, () => nowMs);
  });
  afterEach(() => {
    store.close();
    profile.cleanup();
  });

  const rowOf = (key: string) => {
    const db = new Database(path.join(profile.accountDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      return db.prepare('SELECT * FROM settings WHERE key = ?').get(key) as
        { value_json: string | null; is_deleted: number; hlc: string; seq: number } | undefined;
    } finally {
      db.close();
    }
  };

  it('stamps every set with the store clock and a new seq, and reports it in the change stream', () => {
    expect(store.getSetting('mediaCacheLimitBytes')).toBeUndefined();
    const before = store.currentSeq();
    const first = store.setSetting({ key: 'mediaCacheLimitBytes', value: 1_000 });
    expect(first.seq).toBe(before + 1);
    expect(first.changes).toEqual([
      { seq: before + 1, kind: 'setting', key: 'mediaCacheLimitBytes', isDeleted: false },
    ]);
    expect(store.getSetting('mediaCacheLimitBytes')).toBe(1_000);
    const firstRow = rowOf('mediaCacheLimitBytes');
    expect(firstRow).toMatchObject({ value_json: '1000', is_deleted: 0, seq: first.seq });
    expect(decodeHlc(firstRow?.hlc ?? '').wallMs).toBe(T0);

    nowMs = T0 + 5;
    const second = store.setSetting({ key: 'mediaCacheLimitBytes', value: 2_000 });
    const secondRow = rowOf('mediaCacheLimitBytes');
    expect(secondRow?.seq).toBe(second.seq);
    expect((secondRow?.hlc ?? '') > (firstRow?.hlc ?? '')).toBe(true);
    expect(store.listSettings()).toEqual([{ key: 'mediaCacheLimitBytes', value: 2_000, hlc: secondRow?.hlc }]);
    expect(store.changesSince(before, 10).changes).toEqual([
      { seq: second.seq, kind: 'setting', key: 'mediaCacheLimitBytes', isDeleted: false },
    ]);
  });

  it('keeps a deletion as a stamped marker row, not as a missing row', () => {
    store.setSetting({ key: 'mediaCacheLimitBytes', value: 1_000 });
    const deleted = store.deleteSetting('mediaCacheLimitBytes');
    expect(deleted.changes).toEqual([
      { seq: deleted.seq, kind: 'setting', key: 'mediaCacheLimitBytes', isDeleted: true },
    ]);
    expect(store.getSetting('mediaCacheLimitBytes')).toBeUndefined();
    expect(store.listSettings()).toEqual([]);
    expect(rowOf('mediaCacheLimitBytes')).toMatchObject({ value_json: null, is_deleted: 1, seq: deleted.seq });
  });

  it('refuses a value of the wrong shape and writes nothing', () => {
    const before = store.currentSeq();
    expect(() => store.setSetting({ key: 'mediaCacheLimitBytes', value: -1 })).toThrow(RangeError);
    expect(() => store.setSetting({ key: 'mediaCacheLimitBytes', value: 1.5 })).toThrow(RangeError);
    expect(store.currentSeq()).toBe(before);
    expect(rowOf('mediaCacheLimitBytes')).toBeUndefined();
  });

  it('raises a typed error for a stored value of the wrong shape instead of reading it as unset', async () => {
    store.close();
    const db = new Database(path.join(profile.accountDir, DATABASE_FILE_NAME));
    db.prepare(
      "INSERT INTO settings (key, value_json, is_deleted, hlc, seq) VALUES ('mediaCacheLimitBytes', '\"big\"', 0, ?, 99)",
    ).run(`${String(T0).padStart(15, '0')}-0000-x`);
    db.close();
    store = await openTestStore(profile.accountDir);
    expect(() => store.getSetting('mediaCacheLimitBytes')).toThrow(StoreCorruptError);
  });
});

describe('migration of settings out of meta (schema 4)', () => {
  let profile: TempProfile;
  afterEach(() => profile.cleanup());

  /** A store file as schema 3 left it, with settings as unstamped `setting.*` meta rows. */
  function legacyStore(settings: Record<string, string>): void {
    const db = new Database(path.join(profile.accountDir, DATABASE_FILE_NAME));
    runMigrations(
      db,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    meta.run('hlc_node', 'abc123');
    meta.run('hlc_last', `${String(T0 - 1_000).padStart(15, '0')}-0003-abc123`);
    meta.run('seq', '41');
    for (const [key, value] of Object.entries(settings)) meta.run(`setting.${key}`, value);
    db.close();
  }

  it('moves existing values onto stamped rows with a seq, so the next backup carries them', async () => {
    profile = makeTempProfile();
    legacyStore({ mediaCacheLimitBytes: '400', futureThing: 'dark' });
    const store = await openTestStore(profile.accountDir, undefined, () => T0);
    try {
      expect(store.getSetting('mediaCacheLimitBytes')).toBe(400);
      expect(store.listSettings().map((s) => [s.key, s.value])).toEqual([['mediaCacheLimitBytes', 400]]);
      // Both moved rows got a seq above the old position, and the store continues after them.
      expect(store.currentSeq()).toBe(43);
      const next = store.setSetting({ key: 'mediaCacheLimitBytes', value: 500 });
      expect(next.seq).toBe(44);
    } finally {
      store.close();
    }
    const db = new Database(path.join(profile.accountDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      expect(readUserVersion(db)).toBeGreaterThanOrEqual(4);
      expect(db.prepare("SELECT COUNT(*) AS n FROM meta WHERE key LIKE 'setting.%'").get()).toEqual({ n: 0 });
      const rows = db.prepare('SELECT key, value_json, hlc FROM settings ORDER BY key').all() as {
        key: string;
        value_json: string;
        hlc: string;
      }[];
      // A key this build does not know is kept (as a JSON string) rather than dropped.
      expect(rows.map((r) => [r.key, r.value_json])).toEqual([
        ['futureThing', '"dark"'],
        ['mediaCacheLimitBytes', '500'],
      ]);
      // Stamped by the store's own node, after everything it had stamped before.
      for (const row of rows) expect(decodeHlc(row.hlc).node).toBe('abc123');
      expect(rows.every((r) => r.hlc > `${String(T0 - 1_000).padStart(15, '0')}-0003-abc123`)).toBe(true);
    } finally {
      db.close();
    }
  });
  it('drops a stored cache limit the old reader ignored instead of carrying a value it would refuse', async () => {
    profile = makeTempProfile();
    legacyStore({ mediaCacheLimitBytes: '0' });
    const store = await openTestStore(profile.accountDir);
    try {
      expect(store.getSetting('mediaCacheLimitBytes')).toBeUndefined();
      expect(store.currentSeq()).toBe(41);
    } finally {
      store.close();
    }
  });
});
