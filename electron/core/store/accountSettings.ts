import type Database from 'better-sqlite3';
import type { StoreChange } from './changeLog.js';
import { StoreCorruptError } from './errors.js';
import { HybridLogicalClock } from './hlc.js';
import type { SettingKey, SettingValue, SettingWrite } from './settingsRegistry.js';
import { isSettingKey, isValidSettingJson, SETTING_SCHEMAS } from './settingsRegistry.js';
import type { StoreDatabase } from './storeDatabase.js';
import type { WriteContext } from './writeContext.js';
import { changeKey } from './writeContext.js';

/*
 * Per-account settings as stamped records, so a backup can tell what changed since the last run
 * (seq) and which device's value is newer (HLC). A removal keeps its row as a deletion marker
 * (`is_deleted = 1`, no value): a newer delete must beat an older value from another device.
 */

/** Schema version 4: the settings table (one row per key, newest stamp wins on merge). */
export const SETTINGS_SCHEMA = `
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0 CHECK (is_deleted IN (0, 1)),
  hlc        TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  CHECK ((is_deleted = 1) = (value_json IS NULL))
) WITHOUT ROWID;
CREATE INDEX settings_seq ON settings (seq);
`;

const LEGACY_PREFIX = 'setting.';

/**
 * Migration to v4: creates the table and moves the `setting.*` rows of `meta` onto it. Each moved
 * value is stamped now (as if set at upgrade time; when it was really set is unknown) and gets a
 * seq, so the first backup after the upgrade carries it. Self-contained on purpose: a shipped
 * migration must not change when the settings code does.
 */
export function migrateSettingsTable(db: Database.Database): void {
  db.exec(SETTINGS_SCHEMA);
  const legacy = db
    .prepare('SELECT key, value FROM meta WHERE substr(key, 1, ?) = ? ORDER BY key')
    .all(LEGACY_PREFIX.length, LEGACY_PREFIX) as { key: string; value: string }[];
  if (legacy.length === 0) return;
  const meta = (key: string) =>
    (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  const node = meta('hlc_node');
  if (node === undefined) throw new StoreCorruptError('store holds settings but no HLC node');
  const clock = new HybridLogicalClock(node, Date.now, meta('hlc_last'));
  let seq = Number(meta('seq') ?? '0');
  const insert = db.prepare('INSERT INTO settings (key, value_json, is_deleted, hlc, seq) VALUES (?, ?, 0, ?, ?)');
  for (const row of legacy) {
    const key = row.key.slice(LEGACY_PREFIX.length);
    const valueJson = legacyValueJson(key, row.value);
    if (valueJson === undefined) continue;
    seq += 1;
    insert.run(key, valueJson, clock.now(), seq);
  }
  const upsertMeta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  upsertMeta.run('seq', String(seq));
  upsertMeta.run('hlc_last', clock.last);
  db.prepare('DELETE FROM meta WHERE substr(key, 1, ?) = ?').run(LEGACY_PREFIX.length, LEGACY_PREFIX);
}

/**
 * The only writer of `setting.*` meta rows stored `String(number)`; anything else stays a string.
 * A media cache limit its old reader ignored (not a positive integer: it used the default) is
 * dropped rather than carried over as a value the typed reader would refuse.
 */
function legacyValueJson(key: string, value: string): string | undefined {
  const n = Number(value);
  const isNumber = value.trim() !== '' && Number.isFinite(n) && String(n) === value;
  if (key === 'mediaCacheLimitBytes') return isNumber && Number.isSafeInteger(n) && n > 0 ? String(n) : undefined;
  return isNumber ? JSON.stringify(n) : JSON.stringify(value);
}

/** Sets (or, with `valueJson` null, deletes) one setting: stamps it, gives it a seq, reports it. */
export function writeSetting(ctx: WriteContext, key: SettingKey, valueJson: string | null): void {
  if (valueJson !== null && !isValidSettingJson(key, valueJson)) {
    throw new RangeError(`invalid value for setting ${key}`);
  }
  const seq = ctx.changeLog.nextSeq();
  const hlc = ctx.clock.now();
  ctx.db
    .stmt(
      `INSERT INTO settings (key, value_json, is_deleted, hlc, seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, is_deleted = excluded.is_deleted,
         hlc = excluded.hlc, seq = excluded.seq`,
    )
    .run(key, valueJson, valueJson === null ? 1 : 0, hlc, seq);
  const change: StoreChange = { seq, kind: 'setting', key, isDeleted: valueJson === null };
  ctx.changes.add(changeKey(change), change);
}

export function settingJson(setting: SettingWrite): string {
  return JSON.stringify(setting.value);
}

/** The value, or undefined when never set or deleted. A stored value of the wrong shape throws. */
export function readSetting<K extends SettingKey>(db: StoreDatabase, key: K): SettingValue<K> | undefined {
  const row = db.stmt('SELECT value_json FROM settings WHERE key = ? AND is_deleted = 0').get(key) as
    { value_json: string } | undefined;
  return row === undefined ? undefined : parseStored(key, row.value_json);
}

export type SettingEntry = SettingWrite & Readonly<{ hlc: string }>;

/** Every live setting this build knows, by key (keys from a newer build are kept but not listed). */
export function listSettings(db: StoreDatabase): SettingEntry[] {
  const rows = db.stmt('SELECT key, value_json, hlc FROM settings WHERE is_deleted = 0 ORDER BY key').all() as {
    key: string;
    value_json: string;
    hlc: string;
  }[];
  return rows.flatMap((row) =>
    isSettingKey(row.key) ? [{ key: row.key, value: parseStored(row.key, row.value_json), hlc: row.hlc }] : [],
  );
}

function parseStored<K extends SettingKey>(key: K, valueJson: string): SettingValue<K> {
  let value: unknown;
  try {
    value = JSON.parse(valueJson);
  } catch (err) {
    throw new StoreCorruptError(`setting ${key} is not JSON`, { cause: err });
  }
  const parsed = SETTING_SCHEMAS[key].safeParse(value);
  if (!parsed.success) throw new StoreCorruptError(`setting ${key} has the wrong shape`);
  return parsed.data;
}
