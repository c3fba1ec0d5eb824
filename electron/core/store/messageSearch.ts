import type { AccountId, Message } from '../../../shared/src/index.js';
import type { MessageRow } from './rowMappers.js';
import { MESSAGE_COLUMNS, messageFromRow } from './rowMappers.js';
import type { StoreDatabase } from './storeDatabase.js';

const MAX_TERMS = 16;

/**
 * Turns what the user typed into an FTS5 expression that can only mean "all these words":
 * every term is a quoted string (inner quotes doubled), so `"`, `*`, `-`, `NEAR(`, `AND`, column
 * filters and parentheses are searched for as text, never parsed as syntax. Each term is a
 * prefix so results appear while typing. Returns null when nothing searchable remains.
 */
export function buildFtsQuery(input: string): string | null {
  const terms = input
    .normalize('NFKC')
    .split(/\s+/u)
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term.replaceAll('"', '""')}"*`).join(' ');
}

/** Ranked by bm25, then newest first (receive order within a second); optionally within one chat. */
export function searchMessages(
  db: StoreDatabase,
  accountId: AccountId,
  query: string,
  options: { chatId?: string | null; limit: number },
): Message[] {
  const expression = buildFtsQuery(query);
  if (expression === null) return [];
  const from = `messages_fts f JOIN messages m ON m.rowid = f.rowid
    LEFT JOIN media md ON md.chat_id = m.chat_id AND md.message_id = m.id`;
  const rows =
    options.chatId == null
      ? (db
          .stmt(
            `SELECT ${MESSAGE_COLUMNS} FROM ${from} WHERE messages_fts MATCH ? ORDER BY f.rank, m.timestamp DESC, m.order_key DESC LIMIT ?`,
          )
          .all(expression, options.limit) as MessageRow[])
      : (db
          .stmt(
            `SELECT ${MESSAGE_COLUMNS} FROM ${from} WHERE messages_fts MATCH ? AND m.chat_id = ?
             ORDER BY f.rank, m.timestamp DESC, m.order_key DESC LIMIT ?`,
          )
          .all(expression, options.chatId, options.limit) as MessageRow[]);
  return rows.map((row) => messageFromRow(row, accountId));
}
