import type { Chat, ChatId, ContactId } from '../../../shared/src/index.js';
import { isGroupJid } from './jid.js';
import { previewText } from './messageMerge.js';
import type { ChatRow, MessageRow } from './rowMappers.js';
import { chatFromRow, parseMessageBody } from './rowMappers.js';
import type { WriteContext } from './writeContext.js';
import { changeKey } from './writeContext.js';
import { recordChatClear } from './chatClears.js';

/** Partial update of a chat as WhatsApp sends them (chats.update carries only what changed). */
export type ChatPatch = Readonly<{ id: string } & Partial<Omit<Chat, 'accountId' | 'id'>>>;

const WRITE_SQL = `INSERT INTO chats (id, contact_id, is_group, subject, last_message_at, preview_json, unread_count,
    is_marked_unread, pinned_at, is_archived, muted_until, oldest_message_at, is_history_exhausted, hlc, seq)
  VALUES (@id, @contactId, @isGroup, @subject, @lastMessageAt, @preview, @unreadCount, @isMarkedUnread, @pinnedAt,
    @isArchived, @mutedUntil, @oldestMessageAt, @isHistoryExhausted, @hlc, @seq)
  ON CONFLICT (id) DO UPDATE SET contact_id = excluded.contact_id, is_group = excluded.is_group,
    subject = excluded.subject, last_message_at = excluded.last_message_at, preview_json = excluded.preview_json,
    unread_count = excluded.unread_count, is_marked_unread = excluded.is_marked_unread, pinned_at = excluded.pinned_at,
    is_archived = excluded.is_archived, muted_until = excluded.muted_until,
    oldest_message_at = excluded.oldest_message_at, is_history_exhausted = excluded.is_history_exhausted,
    hlc = excluded.hlc, seq = excluded.seq`;

export function canonicalChatId(ctx: WriteContext, id: string): ChatId {
  return (isGroupJid(id) ? id : ctx.resolver.resolve(id)) as ChatId;
}

export function readChat(ctx: WriteContext, id: string): Chat | undefined {
  const row = ctx.db.stmt('SELECT * FROM chats WHERE id = ?').get(id) as ChatRow | undefined;
  return row === undefined ? undefined : chatFromRow(row, ctx.accountId);
}

export function newChat(ctx: WriteContext, id: ChatId): Chat {
  return {
    accountId: ctx.accountId,
    id,
    contactId: id as string as ContactId,
    isGroup: isGroupJid(id),
    subject: null,
    lastMessageAt: null,
    preview: null,
    unreadCount: 0,
    isMarkedUnread: false,
    pinnedAt: null,
    isArchived: false,
    mutedUntil: null,
    oldestMessageAt: null,
    isHistoryExhausted: false,
  };
}

export function writeChat(ctx: WriteContext, chat: Chat, isNew: boolean): Chat {
  const seq = ctx.changeLog.nextSeq();
  ctx.db.stmt(WRITE_SQL).run({
    id: chat.id,
    contactId: chat.contactId,
    isGroup: chat.isGroup ? 1 : 0,
    subject: chat.subject,
    lastMessageAt: chat.lastMessageAt,
    preview: chat.preview === null ? null : JSON.stringify(chat.preview),
    unreadCount: chat.unreadCount,
    isMarkedUnread: chat.isMarkedUnread ? 1 : 0,
    pinnedAt: chat.pinnedAt,
    isArchived: chat.isArchived ? 1 : 0,
    mutedUntil: chat.mutedUntil,
    oldestMessageAt: chat.oldestMessageAt,
    isHistoryExhausted: chat.isHistoryExhausted ? 1 : 0,
    hlc: ctx.clock.now(),
    seq,
  });
  if (isNew) ctx.changeLog.clearTombstone('chat', chat.id);
  const change = { seq, kind: 'chat', chat } as const;
  ctx.changes.add(changeKey(change), change);
  return chat;
}

export function upsertChat(ctx: WriteContext, patch: ChatPatch): Chat {
  const id = canonicalChatId(ctx, patch.id);
  const stored = readChat(ctx, id);
  const base = stored ?? newChat(ctx, id);
  const contactId =
    patch.contactId === undefined ? base.contactId : (ctx.resolver.resolve(patch.contactId) as ContactId);
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Chat>;
  return writeChat(ctx, { ...base, ...defined, id, contactId, accountId: ctx.accountId }, stored === undefined);
}

type NewestRow = Pick<MessageRow, 'sender_id' | 'from_me' | 'timestamp' | 'body_json'> & { oldest: number | null };

/**
 * Re-derives a chat's activity (newest message, preview, how far back the archive reaches)
 * after its messages changed; creates the chat for a message in an unknown conversation.
 * Runs once per touched chat per batch, not once per message.
 */
export function refreshChatActivity(ctx: WriteContext, chatId: ChatId): void {
  const stored = readChat(ctx, chatId);
  const chat = stored ?? newChat(ctx, chatId);
  // Only what the preview needs (no media join, no details JSON), and the oldest time in the same
  // statement: this runs for every chat a history chunk touches. Within one second the last
  // received message is the newest (ids are random).
  const newestRow = ctx.db
    .stmt(
      `SELECT sender_id, from_me, timestamp, body_json,
         (SELECT MIN(timestamp) FROM messages WHERE chat_id = @chatId) AS oldest
       FROM messages WHERE chat_id = @chatId ORDER BY timestamp DESC, order_key DESC LIMIT 1`,
    )
    .get({ chatId }) as NewestRow | undefined;
  let next: Chat = { ...chat, oldestMessageAt: newestRow?.oldest ?? null };
  if (newestRow !== undefined) {
    const newest = {
      senderId: newestRow.sender_id as ContactId | null,
      isFromMe: newestRow.from_me === 1,
      timestamp: newestRow.timestamp,
      body: parseMessageBody(newestRow.body_json),
    };
    // Chat metadata may already know of a later message than the archive holds; keep the later.
    const isNewestLatest = chat.lastMessageAt === null || newest.timestamp >= chat.lastMessageAt;
    if (isNewestLatest || chat.preview === null) {
      next = {
        ...next,
        lastMessageAt: Math.max(newest.timestamp, chat.lastMessageAt ?? newest.timestamp),
        preview: {
          senderId: newest.senderId,
          isFromMe: newest.isFromMe,
          text: previewText(newest.body),
          kind: newest.body.kind,
        },
      };
    }
  }
  if (stored !== undefined && JSON.stringify(next) === JSON.stringify(stored)) return;
  writeChat(ctx, next, stored === undefined);
}

/** Removes the chat and its messages; one chat tombstone implies its messages are gone. */
export function deleteChat(ctx: WriteContext, chatIdIn: string): boolean {
  const chatId = canonicalChatId(ctx, chatIdIn);
  ctx.db.stmt('DELETE FROM messages WHERE chat_id = ?').run(chatId);
  const removed = ctx.db.stmt('DELETE FROM chats WHERE id = ?').run(chatId).changes > 0;
  ctx.touchedChats.delete(chatId);
  const hlc = ctx.clock.now();
  const change = ctx.changeLog.tombstone('chat', chatId, chatId, chatId, hlc, ctx.nowMs);
  recordChatClear(ctx, chatId, hlc, change.seq);
  ctx.changes.add(changeKey(change), change);
  return removed;
}
