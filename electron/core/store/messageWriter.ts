import type { ChatId, ContactId, Message, MessageDraft, MessageStatus, Reaction } from '../../../shared/src/index.js';
import { messageKey } from './changeLog.js';
import { isGroupJid } from './jid.js';
import { applyEditTo, applyReactionTo, mergeMessage, mergeStatus, searchableText } from './messageMerge.js';
import type { MessageDetails, MessageRow } from './rowMappers.js';
import { MESSAGE_COLUMNS, MESSAGE_FROM, messageFromRow } from './rowMappers.js';
import type { WriteContext } from './writeContext.js';
import { changeKey } from './writeContext.js';

/*
 * Message write steps. Each runs inside the batch transaction, stamps a fresh seq and HLC on the
 * row, and reports the final domain message to the batch's change collector.
 */

const INSERT_SQL = `INSERT INTO messages
  (chat_id, id, sender_id, from_me, timestamp, order_key, status, body_json, details_json, search_text, raw, hlc, seq)
  VALUES (@chatId, @id, @senderId, @fromMe, @timestamp, @seq, @status, @body, @details, @searchText, @raw, @hlc, @seq)`;
// order_key is the seq of the first insert (see messageOrder.ts), so updates never touch it.
// Upserts try the insert first: history is almost all new messages, so the read-and-merge runs only on conflict.
const INSERT_NEW_SQL = `${INSERT_SQL} ON CONFLICT (chat_id, id) DO NOTHING`;
// The only insert path into messages, so it also indexes the text (see schema: no insert trigger).
const INDEX_SQL = 'INSERT INTO messages_fts (rowid, search_text) VALUES (?, ?)';
const UPDATE_SQL = `UPDATE messages SET sender_id = @senderId, from_me = @fromMe, timestamp = @timestamp,
    status = @status, body_json = @body, details_json = @details, search_text = @searchText,
    raw = COALESCE(@raw, raw), hlc = @hlc, seq = @seq
  WHERE chat_id = @chatId AND id = @id`;

/** Chat and sender ids go through the resolver so a person's LID and phone number meet. */
export function canonicalMessage<M extends MessageDraft>(ctx: WriteContext, message: M): M {
  const chatId = isGroupJid(message.chatId) ? message.chatId : (ctx.resolver.resolve(message.chatId) as ChatId);
  const senderId = message.senderId === null ? null : (ctx.resolver.resolve(message.senderId) as ContactId);
  const quoted =
    message.quoted?.senderId != null
      ? { ...message.quoted, senderId: ctx.resolver.resolve(message.quoted.senderId) as ContactId }
      : message.quoted;
  return chatId === message.chatId && senderId === message.senderId && quoted === message.quoted
    ? message
    : { ...message, accountId: ctx.accountId, chatId, senderId, quoted };
}

export function readMessage(ctx: WriteContext, chatId: string, id: string): Message | undefined {
  const row = ctx.db
    .stmt(`SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.chat_id = ? AND m.id = ?`)
    .get(chatId, id) as MessageRow | undefined;
  return row === undefined ? undefined : messageFromRow(row, ctx.accountId);
}

type MessageRowParams = Readonly<Record<string, string | number | Uint8Array | null>>;

/** The statement parameters of a message row, stamped with `seq` and a fresh HLC. */
function rowOf(ctx: WriteContext, message: MessageDraft, raw: Uint8Array | null, seq: number): MessageRowParams {
  const details: MessageDetails = {
    isFromOtherDevice: message.isFromOtherDevice,
    quoted: message.quoted,
    reactions: message.reactions,
    editedAt: message.editedAt,
    isForwarded: message.isForwarded,
    failure: message.failure,
  };
  const searchText = searchableText(message.body);
  return {
    chatId: message.chatId,
    id: message.id,
    senderId: message.senderId,
    fromMe: message.isFromMe ? 1 : 0,
    timestamp: message.timestamp,
    status: message.status,
    body: JSON.stringify(message.body),
    details: JSON.stringify(details),
    searchText,
    raw,
    hlc: ctx.clock.now(),
    seq,
  };
}

/** A new row, indexed for search; false (nothing written) when the message is already stored. */
function insertIfNew(ctx: WriteContext, message: MessageDraft, row: MessageRowParams): boolean {
  const { changes, lastInsertRowid } = ctx.db.stmt(INSERT_NEW_SQL).run(row);
  if (changes === 0) return false;
  if (row.searchText !== null) ctx.db.stmt(INDEX_SQL).run(lastInsertRowid, row.searchText);
  ctx.changeLog.clearTombstone('message', messageKey(message.chatId, message.id));
  return true;
}

function reportMessage(ctx: WriteContext, message: Message, seq: number): Message {
  ctx.touchedChats.add(message.chatId);
  const change = { seq, kind: 'message', message } as const;
  ctx.changes.add(changeKey(change), change);
  return message;
}

/** Writes the final state of a message (already merged): a new row when isNew, else an update. */
export function writeMessage(ctx: WriteContext, message: Message, raw: Uint8Array | null, isNew: boolean): Message {
  const seq = ctx.changeLog.nextSeq();
  const row = rowOf(ctx, message, raw, seq);
  if (isNew) {
    if (!insertIfNew(ctx, message, row)) throw new Error('message to insert is already stored');
  } else if (ctx.db.stmt(UPDATE_SQL).run(row).changes !== 1) {
    throw new Error('message to update is missing inside its own transaction');
  }
  return reportMessage(ctx, message, seq);
}

export function upsertMessage(ctx: WriteContext, incoming: MessageDraft, raw: Uint8Array | null): Message {
  const message = canonicalMessage(ctx, { ...incoming, accountId: ctx.accountId });
  const seq = ctx.changeLog.nextSeq();
  // The incoming copy carries no order: a new row takes this seq, a stored one keeps its own.
  const placed = { ...message, orderKey: seq };
  const fresh = mergeMessage(undefined, placed);
  // A revoked message keeps no raw copy of what was revoked.
  if (insertIfNew(ctx, fresh, rowOf(ctx, fresh, fresh.body.kind === 'deleted' ? null : raw, seq))) {
    return reportMessage(ctx, fresh, seq);
  }
  const stored = readMessage(ctx, message.chatId, message.id);
  const merged = mergeMessage(stored, placed);
  if (ctx.db.stmt(UPDATE_SQL).run(rowOf(ctx, merged, raw, seq)).changes !== 1) {
    throw new Error('message to update is missing inside its own transaction');
  }
  if (merged.body.kind === 'deleted') {
    ctx.db.stmt('UPDATE messages SET raw = NULL WHERE chat_id = ? AND id = ?').run(merged.chatId, merged.id);
  }
  return reportMessage(ctx, merged, seq);
}

type MessageRef = Readonly<{ chatId: string; messageId: string }>;

/** Resolves the ref and loads the message; undefined when it is not (yet) in the archive. */
function load(ctx: WriteContext, ref: MessageRef): Message | undefined {
  const chatId = isGroupJid(ref.chatId) ? ref.chatId : ctx.resolver.resolve(ref.chatId);
  return readMessage(ctx, chatId, ref.messageId);
}

export function updateMessageStatus(
  ctx: WriteContext,
  ref: MessageRef,
  status: MessageStatus,
  failure?: string | null,
): boolean {
  const stored = load(ctx, ref);
  if (stored === undefined) return false;
  const next = mergeStatus(stored.status, status);
  if (next === stored.status && failure === undefined) return true;
  writeMessage(
    ctx,
    { ...stored, status: next, failure: failure === undefined ? stored.failure : failure },
    null,
    false,
  );
  return true;
}

export function applyReaction(ctx: WriteContext, ref: MessageRef, reaction: Reaction): boolean {
  const stored = load(ctx, ref);
  if (stored === undefined) return false;
  const canonical = { ...reaction, senderId: ctx.resolver.resolve(reaction.senderId) as ContactId };
  writeMessage(ctx, { ...stored, reactions: applyReactionTo(stored.reactions, canonical) }, null, false);
  return true;
}

export function applyEdit(ctx: WriteContext, ref: MessageRef, text: string, editedAt: number): boolean {
  const stored = load(ctx, ref);
  if (stored === undefined) return false;
  // Edits can arrive out of order (history replays older edits): the newest one stays.
  if (stored.editedAt !== null && stored.editedAt >= editedAt) return true;
  const body = applyEditTo(stored.body, text);
  if (body === undefined) return true;
  writeMessage(ctx, { ...stored, body, editedAt }, null, false);
  return true;
}

export function revokeMessage(ctx: WriteContext, ref: MessageRef): boolean {
  const stored = load(ctx, ref);
  if (stored === undefined) return false;
  ctx.db.stmt('DELETE FROM media WHERE chat_id = ? AND message_id = ?').run(stored.chatId, stored.id);
  writeMessage(ctx, { ...stored, body: { kind: 'deleted' }, reactions: [] }, null, false);
  ctx.db.stmt('UPDATE messages SET raw = NULL WHERE chat_id = ? AND id = ?').run(stored.chatId, stored.id);
  return true;
}

/** "Delete for me" and chat clears: the row goes, a tombstone tells catching-up readers. */
export function deleteMessages(ctx: WriteContext, chatIdIn: string, ids: readonly string[]): number {
  const chatId = isGroupJid(chatIdIn) ? chatIdIn : ctx.resolver.resolve(chatIdIn);
  const remove = ctx.db.stmt('DELETE FROM messages WHERE chat_id = ? AND id = ?');
  let removed = 0;
  for (const id of ids) {
    if (remove.run(chatId, id).changes === 0) continue;
    removed += 1;
    const change = ctx.changeLog.tombstone('message', messageKey(chatId, id), chatId, id, ctx.clock.now(), ctx.nowMs);
    ctx.changes.add(changeKey(change), change);
  }
  if (removed > 0) ctx.touchedChats.add(chatId);
  return removed;
}
