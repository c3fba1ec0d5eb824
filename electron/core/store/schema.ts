/*
 * Schema version 1. One SQLite file per account, so no table carries the account id.
 * Every synced entity row carries `hlc` (version stamp for merging with a backup) and `seq`
 * (position in the account's change stream, for `changesSince`).
 */
export const SCHEMA_V1 = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Signal credentials: exactly one row; value is an AES-GCM envelope of the serialized JSON.
CREATE TABLE creds (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  value BLOB NOT NULL
);

-- Every Baileys key type stored generically by its type string; values are envelopes.
CREATE TABLE keys (
  type  TEXT NOT NULL,
  id    TEXT NOT NULL,
  value BLOB NOT NULL,
  PRIMARY KEY (type, id)
) WITHOUT ROWID;

CREATE TABLE chats (
  id                   TEXT PRIMARY KEY,
  contact_id           TEXT NOT NULL,
  is_group             INTEGER NOT NULL,
  subject              TEXT,
  last_message_at      INTEGER,
  preview_json         TEXT,
  unread_count         INTEGER NOT NULL DEFAULT 0,
  is_marked_unread     INTEGER NOT NULL DEFAULT 0,
  pinned_at            INTEGER,
  is_archived          INTEGER NOT NULL DEFAULT 0,
  muted_until          INTEGER,
  oldest_message_at    INTEGER,
  is_history_exhausted INTEGER NOT NULL DEFAULT 0,
  hlc                  TEXT NOT NULL,
  seq                  INTEGER NOT NULL
);
CREATE INDEX chats_activity ON chats (COALESCE(last_message_at, 0) DESC, id DESC);
CREATE INDEX chats_seq ON chats (seq);

-- rowid is explicit so the FTS external-content table can point at it.
CREATE TABLE messages (
  rowid              INTEGER PRIMARY KEY,
  chat_id            TEXT NOT NULL,
  id                 TEXT NOT NULL,
  sender_id          TEXT,
  from_me            INTEGER NOT NULL,
  timestamp          INTEGER NOT NULL,
  status             TEXT NOT NULL,
  body_json          TEXT NOT NULL, -- MessageBody
  details_json       TEXT NOT NULL, -- quoted, reactions, editedAt, flags, failure
  search_text        TEXT,
  raw                BLOB,
  hlc                TEXT NOT NULL,
  seq                INTEGER NOT NULL,
  UNIQUE (chat_id, id)
);
CREATE INDEX messages_page ON messages (chat_id, timestamp DESC, id DESC);
CREATE INDEX messages_seq ON messages (seq);
CREATE INDEX messages_sender ON messages (sender_id);

CREATE VIRTUAL TABLE messages_fts USING fts5 (
  search_text,
  content = 'messages',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);
-- The index changes inside the writing transaction: no window where it and the table disagree.
-- Deletes and text updates go through triggers (every path: chat clears, revokes, edits).
-- Inserts are indexed by messageWriter.insertMessage itself: an AFTER INSERT trigger costs
-- ~3x the whole insert on history ingest (measured), and there is exactly one insert path.
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.search_text IS NOT NULL BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF search_text ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, search_text)
    SELECT 'delete', old.rowid, old.search_text WHERE old.search_text IS NOT NULL;
  INSERT INTO messages_fts (rowid, search_text)
    SELECT new.rowid, new.search_text WHERE new.search_text IS NOT NULL;
END;

CREATE TABLE contacts (
  id           TEXT PRIMARY KEY,
  phone_number TEXT,
  lid          TEXT,
  is_group     INTEGER NOT NULL DEFAULT 0,
  updated_at   INTEGER NOT NULL,
  hlc          TEXT NOT NULL,
  seq          INTEGER NOT NULL
);
CREATE INDEX contacts_seq ON contacts (seq);

CREATE TABLE contact_names (
  contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  source     TEXT NOT NULL CHECK (source IN ('alias', 'phoneBook', 'business', 'pushName', 'number')),
  name       TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (contact_id, source)
) WITHOUT ROWID;

-- LID <-> phone-number JID, from whichever source told us first or last.
CREATE TABLE lid_mappings (
  lid         TEXT PRIMARY KEY,
  pn          TEXT NOT NULL,
  source      TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  hlc         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX lid_mappings_pn ON lid_mappings (pn);

CREATE TABLE media (
  chat_id        TEXT NOT NULL,
  message_id     TEXT NOT NULL,
  state_json     TEXT NOT NULL,
  download_json  TEXT,
  failure_reason TEXT,
  attempts       INTEGER NOT NULL DEFAULT 0,
  updated_at     INTEGER NOT NULL,
  hlc            TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  PRIMARY KEY (chat_id, message_id),
  FOREIGN KEY (chat_id, message_id) REFERENCES messages (chat_id, id) ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
CREATE INDEX media_seq ON media (seq);

-- Written BEFORE a history chunk is processed; processed_at stays NULL until its data committed.
CREATE TABLE history_journal (
  id            TEXT PRIMARY KEY,
  sync_type     TEXT NOT NULL,
  chunk_order   INTEGER,
  progress      REAL,
  received_at   INTEGER NOT NULL,
  raw           BLOB NOT NULL,
  message_count INTEGER NOT NULL DEFAULT 0,
  chat_count    INTEGER NOT NULL DEFAULT 0,
  processed_at  INTEGER
);
CREATE INDEX history_journal_pending ON history_journal (received_at, chunk_order) WHERE processed_at IS NULL;

CREATE TABLE sync_status (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  status_json TEXT NOT NULL,
  seq         INTEGER NOT NULL
);

CREATE TABLE outbox (
  id                TEXT PRIMARY KEY,
  lane              TEXT NOT NULL CHECK (lane IN ('serial', 'media')),
  name              TEXT NOT NULL,
  payload_json      TEXT NOT NULL,
  state             TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   INTEGER NOT NULL,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  error             TEXT,
  client_message_id TEXT
);
CREATE INDEX outbox_ready ON outbox (lane, state, next_attempt_at, created_at);

-- Deletion markers so a catching-up renderer (and a backup merge) learns what disappeared.
CREATE TABLE tombstones (
  entity     TEXT NOT NULL CHECK (entity IN ('chat', 'message', 'contact', 'media')),
  key        TEXT NOT NULL,
  chat_id    TEXT,
  entity_id  TEXT NOT NULL,
  deleted_at INTEGER NOT NULL,
  hlc        TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  PRIMARY KEY (entity, key)
) WITHOUT ROWID;
CREATE INDEX tombstones_seq ON tombstones (seq);
`;
