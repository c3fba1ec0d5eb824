import type { ChatId, MediaFailure, MediaState, MessageId } from '../../../shared/src/index.js';
import { isGroupJid } from './jid.js';
import { parseJson, parseMediaState } from './rowMappers.js';
import type { StoreDatabase } from './storeDatabase.js';
import type { WriteContext } from './writeContext.js';
import { changeKey } from './writeContext.js';

export type MediaStateUpdate = Readonly<{
  chatId: string;
  messageId: string;
  state: MediaState;
  /**
   * What a retry needs (directPath, mediaKey, url, fileSha256...), opaque to the store.
   * Omitted = keep the stored value.
   */
  download?: unknown;
  /** Counts a download attempt (the caller decides what an attempt is). */
  isAttempt?: boolean;
}>;

export type MediaRecord = Readonly<{
  chatId: ChatId;
  messageId: MessageId;
  state: MediaState;
  download: unknown;
  failureReason: MediaFailure | null;
  attempts: number;
  updatedAt: number;
}>;

type MediaRow = {
  chat_id: string;
  message_id: string;
  state_json: string;
  download_json: string | null;
  failure_reason: string | null;
  attempts: number;
  updated_at: number;
};

/** Returns false when the message is not in the archive (the row would have no parent). */
export function setMediaState(ctx: WriteContext, update: MediaStateUpdate): boolean {
  const chatId = isGroupJid(update.chatId) ? update.chatId : ctx.resolver.resolve(update.chatId);
  const exists = ctx.db.stmt('SELECT 1 FROM messages WHERE chat_id = ? AND id = ?').get(chatId, update.messageId);
  if (exists === undefined) return false;
  const seq = ctx.changeLog.nextSeq();
  ctx.db
    .stmt(
      `INSERT INTO media (chat_id, message_id, state_json, download_json, failure_reason, attempts, updated_at, hlc, seq)
       VALUES (@chatId, @messageId, @state, @download, @failure, @attempts, @now, @hlc, @seq)
       ON CONFLICT (chat_id, message_id) DO UPDATE SET state_json = excluded.state_json,
         download_json = CASE WHEN @hasDownload THEN excluded.download_json ELSE media.download_json END,
         failure_reason = excluded.failure_reason, attempts = media.attempts + excluded.attempts,
         updated_at = excluded.updated_at, hlc = excluded.hlc, seq = excluded.seq`,
    )
    .run({
      chatId,
      messageId: update.messageId,
      state: JSON.stringify(update.state),
      download: update.download === undefined ? null : JSON.stringify(update.download),
      hasDownload: update.download === undefined ? 0 : 1,
      failure: update.state.status === 'failed' ? update.state.failure : null,
      attempts: update.isAttempt === true ? 1 : 0,
      now: ctx.nowMs,
      hlc: ctx.clock.now(),
      seq,
    });
  const change = {
    seq,
    kind: 'media',
    chatId: chatId as ChatId,
    messageId: update.messageId as MessageId,
    state: update.state,
  } as const;
  ctx.changes.add(changeKey(change), change);
  return true;
}

function mediaFromRow(row: MediaRow): MediaRecord {
  return {
    chatId: row.chat_id as ChatId,
    messageId: row.message_id as MessageId,
    state: parseMediaState(row.state_json),
    download: row.download_json === null ? null : parseJson(row.download_json, 'media download info'),
    failureReason: row.failure_reason as MediaFailure | null,
    attempts: row.attempts,
    updatedAt: row.updated_at,
  };
}

export function getMedia(db: StoreDatabase, chatId: string, messageId: string): MediaRecord | undefined {
  const row = db.stmt('SELECT * FROM media WHERE chat_id = ? AND message_id = ?').get(chatId, messageId) as
    MediaRow | undefined;
  return row === undefined ? undefined : mediaFromRow(row);
}

/** Failed downloads, oldest first: what "retry all failed" walks. */
export function listFailedMedia(db: StoreDatabase, limit: number): MediaRecord[] {
  const rows = db
    .stmt('SELECT * FROM media WHERE failure_reason IS NOT NULL ORDER BY updated_at LIMIT ?')
    .all(limit) as MediaRow[];
  return rows.map(mediaFromRow);
}

/** Every media row whose state is one of `statuses` (few per account: one per media message). */
export function listMediaByStatus(db: StoreDatabase, statuses: readonly MediaState['status'][]): MediaRecord[] {
  if (statuses.length === 0) return [];
  const rows = db
    .stmt(`SELECT * FROM media WHERE json_extract(state_json, '$.status') IN (${statuses.map(() => '?').join(', ')})`)
    .all(...statuses) as MediaRow[];
  return rows.map(mediaFromRow);
}
