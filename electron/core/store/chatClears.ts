import type { WriteContext } from './writeContext.js';

/*
 * "This chat was cleared at HLC h": every message of the chat stamped before h is gone. Deleting a
 * chat writes its tombstone, but re-creating the chat removes that tombstone, so a backup taken
 * after both never learned the old messages went and a restore brought them back. This marker is
 * never removed by a re-creation; the backup exports it as a `chatCleared` record, and a merge
 * drops messages older than it while keeping those written after the clear.
 */

/** Schema version 3: the per-chat clear marker (newest clear wins). */
export const CHAT_CLEARS_SCHEMA = `
CREATE TABLE chat_clears (
  chat_id TEXT PRIMARY KEY,
  hlc     TEXT NOT NULL,
  seq     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX chat_clears_seq ON chat_clears (seq);
`;

/** Shares the stamp and seq of the chat's tombstone written in the same transaction. */
export function recordChatClear(ctx: WriteContext, chatId: string, hlc: string, seq: number): void {
  ctx.db
    .stmt(
      `INSERT INTO chat_clears (chat_id, hlc, seq) VALUES (?, ?, ?)
       ON CONFLICT (chat_id) DO UPDATE SET hlc = excluded.hlc, seq = excluded.seq WHERE excluded.hlc > chat_clears.hlc`,
    )
    .run(chatId, hlc, seq);
}
