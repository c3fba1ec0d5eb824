import type { ChatId, ContactId, MessageId } from '../../../shared/src/index.js';
import { messageKey } from './changeLog.js';
import { newChat, readChat, writeChat } from './chatWriter.js';
import { contactIdentity, readContact, touchContact } from './contactWriter.js';
import { isLidJid, isPnJid, normalizeUserJid } from './jid.js';
import { readMessage, writeMessage } from './messageWriter.js';
import { mergePollVotes } from './pollVotes.js';
import { rekeyMessageId } from './rekeyMessageId.js';
import type { WriteContext } from './writeContext.js';
import { changeKey } from './writeContext.js';

/**
 * Records that a LID and a phone-number JID are the same person and folds anything the archive
 * filed under the LID into the phone-number contact: names, the 1:1 chat and its messages, the
 * sender of group messages, poll votes, and message ids naming the LID. The phone-number JID is the
 * surviving id because older chats, the address book and the user all know people by number.
 *
 * Returns false when the mapping was already known (nothing to do).
 */
export function recordLidMapping(ctx: WriteContext, lidIn: string, pnIn: string, source: string): boolean {
  const lid = normalizeUserJid(lidIn);
  const pn = normalizeUserJid(pnIn);
  if (!isLidJid(lid) || !isPnJid(pn)) throw new RangeError('recordLidMapping needs a LID JID and a phone-number JID');
  const known = ctx.db.stmt('SELECT pn FROM lid_mappings WHERE lid = ?').get(lid) as { pn: string } | undefined;
  if (known?.pn === pn) return false;
  ctx.db
    .stmt(
      `INSERT INTO lid_mappings (lid, pn, source, recorded_at, hlc) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (lid) DO UPDATE SET pn = excluded.pn, source = excluded.source,
         recorded_at = excluded.recorded_at, hlc = excluded.hlc`,
    )
    .run(lid, pn, source, ctx.nowMs, ctx.clock.now());
  ctx.resolver.invalidate();
  mergeContact(ctx, lid, pn);
  mergeChat(ctx, lid as ChatId, pn as ChatId);
  reassignSender(ctx, lid, pn);
  mergePollVotes(ctx, lid, pn);
  return true;
}

function mergeContact(ctx: WriteContext, lid: string, pn: string): void {
  const loser = readContact(ctx, lid);
  const survivor = readContact(ctx, pn);
  if (survivor === undefined) touchContact(ctx, contactIdentity(ctx, pn), true);
  if (loser !== undefined) {
    // Per source, the most recently written name wins.
    ctx.db
      .stmt(
        `INSERT INTO contact_names (contact_id, source, name, updated_at)
           SELECT ?, source, name, updated_at FROM contact_names WHERE contact_id = ?
         ON CONFLICT (contact_id, source) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
           WHERE excluded.updated_at > contact_names.updated_at`,
      )
      .run(pn, lid);
    ctx.db.stmt('DELETE FROM contacts WHERE id = ?').run(lid);
    const change = ctx.changeLog.tombstone('contact', lid, null, lid, ctx.clock.now(), ctx.nowMs);
    ctx.changes.add(changeKey(change), change);
  }
  touchContact(ctx, contactIdentity(ctx, pn), false);
}

function mergeChat(ctx: WriteContext, lid: ChatId, pn: ChatId): void {
  const loser = readChat(ctx, lid);
  const ids = ctx.db.stmt('SELECT id FROM messages WHERE chat_id = ?').pluck().all(lid) as string[];
  if (loser === undefined && ids.length === 0) return;
  const survivor = readChat(ctx, pn);
  if (survivor === undefined || loser !== undefined) {
    const base = survivor ?? { ...(loser ?? newChat(ctx, pn)), id: pn };
    writeChat(
      ctx,
      {
        ...base,
        contactId: pn as string as ContactId,
        unreadCount: (survivor?.unreadCount ?? 0) + (loser?.unreadCount ?? 0),
        isMarkedUnread: base.isMarkedUnread || (loser?.isMarkedUnread ?? false),
      },
      survivor === undefined,
    );
  }
  for (const id of ids) moveMessage(ctx, lid, id, pn, lid, pn);
  if (loser !== undefined) {
    ctx.db.stmt('DELETE FROM chats WHERE id = ?').run(lid);
    const change = ctx.changeLog.tombstone('chat', lid, lid, lid, ctx.clock.now(), ctx.nowMs);
    ctx.changes.add(changeKey(change), change);
  }
  ctx.touchedChats.delete(lid);
  ctx.touchedChats.add(pn);
}

/** Group messages sent by the person under their LID now name the phone-number contact. */
function reassignSender(ctx: WriteContext, lid: string, pn: string): void {
  const refs = ctx.db.stmt('SELECT chat_id, id FROM messages WHERE sender_id = ?').all(lid) as {
    chat_id: string;
    id: string;
  }[];
  for (const ref of refs) moveMessage(ctx, ref.chat_id, ref.id, ref.chat_id, lid, pn);
}

/**
 * Files one message under `toChat` with its ids re-keyed from the LID to the phone number; a copy
 * already filed there wins. A changed key is tombstoned, so windows drop the old row.
 */
function moveMessage(ctx: WriteContext, fromChat: string, id: string, toChat: string, lid: string, pn: string): void {
  const message = readMessage(ctx, fromChat, id);
  if (message === undefined) return;
  const newId = rekeyMessageId(id, lid, pn);
  const moved = {
    ...message,
    chatId: toChat as ChatId,
    id: newId as MessageId,
    senderId: message.senderId === lid ? (pn as ContactId) : message.senderId,
  };
  if (fromChat === toChat && newId === id) {
    writeMessage(ctx, moved, null, false);
    return;
  }
  if (readMessage(ctx, toChat, newId) !== undefined) {
    ctx.db.stmt('DELETE FROM messages WHERE chat_id = ? AND id = ?').run(fromChat, id);
  } else {
    // ON UPDATE CASCADE carries the media row along.
    ctx.db
      .stmt('UPDATE messages SET chat_id = ?, id = ? WHERE chat_id = ? AND id = ?')
      .run(toChat, newId, fromChat, id);
    ctx.changeLog.clearTombstone('message', messageKey(toChat, newId));
    writeMessage(ctx, moved, null, false);
  }
  const change = ctx.changeLog.tombstone('message', messageKey(fromChat, id), fromChat, id, ctx.clock.now(), ctx.nowMs);
  ctx.changes.add(changeKey(change), change);
}
