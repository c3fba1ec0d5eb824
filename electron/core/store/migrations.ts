import type Database from 'better-sqlite3';
import { StoreVersionError } from './errors.js';
import { migrateSettingsTable } from './accountSettings.js';
import { CHAT_CLEARS_SCHEMA } from './chatClears.js';
import { migrateMessageOrder } from './messageOrder.js';
import { POLL_VOTES_SCHEMA } from './pollVotes.js';
import { SCHEMA_V1 } from './schema.js';

export type Migration = Readonly<{ version: number; up: (db: Database.Database) => void }>;

/** Append only: a shipped migration is never edited, a fix is a new version. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, up: (db) => db.exec(SCHEMA_V1) },
  { version: 2, up: (db) => db.exec(POLL_VOTES_SCHEMA) },
  { version: 3, up: (db) => db.exec(CHAT_CLEARS_SCHEMA) },
  { version: 4, up: migrateSettingsTable },
  { version: 5, up: migrateMessageOrder },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * Brings the file to the latest version, one transaction per step so a crash mid-upgrade
 * leaves the previous version intact. `user_version` is the single source of truth.
 */
export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const current = readUserVersion(db);
  if (current > latest) {
    // Opening a newer archive with an older build would silently drop columns it does not know.
    throw new StoreVersionError(`database schema ${current} is newer than this build (${latest})`);
  }
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return readUserVersion(db);
}

export function readUserVersion(db: Database.Database): number {
  const version = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number') throw new StoreVersionError('cannot read user_version');
  return version;
}
