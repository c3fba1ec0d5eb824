import type { ChatId, MessageDraft, MessageStatus, Reaction, SyncStatus } from '../../../shared/src/index.js';
import type { StoreChange } from './changeLog.js';
import { settingJson, writeSetting } from './accountSettings.js';
import type { ChatPatch } from './chatWriter.js';
import { deleteChat, refreshChatActivity, upsertChat } from './chatWriter.js';
import type { ContactPatch } from './contactWriter.js';
import { upsertContact } from './contactWriter.js';
import type { HistoryJournal } from './historyJournal.js';
import { recordLidMapping } from './lidMerger.js';
import type { MediaStateUpdate } from './mediaStateRepository.js';
import { setMediaState } from './mediaStateRepository.js';
import {
  applyEdit,
  applyReaction,
  deleteMessages,
  revokeMessage,
  updateMessageStatus,
  upsertMessage,
} from './messageWriter.js';
import type { PollVoteRecord } from './pollVotes.js';
import type { SettingKey, SettingWrite } from './settingsRegistry.js';
import { applyPollVote, retallyPoll } from './pollVotes.js';
import type { WriteContext } from './writeContext.js';
import { changeKey } from './writeContext.js';
import { missingCaseError } from '../util/missingCaseError.js';

/** Normalized write operations; the whatsapp/ folder turns socket events into these. */
export type StoreOp =
  | Readonly<{ type: 'message.upsert'; message: MessageDraft; raw?: Uint8Array | null }>
  | Readonly<{
      type: 'message.status';
      chatId: string;
      messageId: string;
      status: MessageStatus;
      failure?: string | null;
    }>
  | Readonly<{ type: 'message.react'; chatId: string; messageId: string; reaction: Reaction }>
  | Readonly<{ type: 'message.edit'; chatId: string; messageId: string; text: string; editedAt: number }>
  | Readonly<{ type: 'message.revoke'; chatId: string; messageId: string }>
  | Readonly<{ type: 'message.delete'; chatId: string; messageIds: readonly string[] }>
  | Readonly<{ type: 'chat.upsert'; chat: ChatPatch }>
  | Readonly<{ type: 'chat.delete'; chatId: string }>
  | Readonly<{ type: 'contact.upsert'; contact: ContactPatch }>
  | Readonly<{ type: 'lid.map'; lid: string; pn: string; source: string }>
  | Readonly<{ type: 'media.state'; update: MediaStateUpdate }>
  | Readonly<{ type: 'sync.status'; status: SyncStatus }>
  | Readonly<{ type: 'history.processed'; chunkId: string; messageCount: number; chatCount: number }>
  | Readonly<{ type: 'poll.vote'; vote: PollVoteRecord }>
  | Readonly<{ type: 'setting.set'; setting: SettingWrite }>
  | Readonly<{ type: 'setting.delete'; key: SettingKey }>;

/** An op that referred to something not in the archive (e.g. a reaction to an unknown message). */
export type SkippedOp = Readonly<{ index: number; type: StoreOp['type']; reason: 'notFound' }>;

export type BatchResult = Readonly<{
  /** The account's change sequence after the commit; events for this batch carry it. */
  seq: number;
  /** Final state of every changed entity, once each, in seq order. */
  changes: StoreChange[];
  skipped: SkippedOp[];
}>;

/** Applies ops in order inside the caller's transaction. */
export function applyOps(ctx: WriteContext, journal: HistoryJournal, ops: readonly StoreOp[]): SkippedOp[] {
  const skipped: SkippedOp[] = [];
  ops.forEach((op, index) => {
    if (!applyOp(ctx, journal, op)) skipped.push({ index, type: op.type, reason: 'notFound' });
  });
  // Chat activity last, once per chat, after all its messages landed.
  for (const chatId of ctx.touchedChats) refreshChatActivity(ctx, chatId as ChatId);
  return skipped;
}

function applyOp(ctx: WriteContext, journal: HistoryJournal, op: StoreOp): boolean {
  switch (op.type) {
    case 'message.upsert': {
      const written = upsertMessage(ctx, op.message, op.raw ?? null);
      // A poll's incoming copy carries no voters: put back the tally of the votes already stored.
      if (written.body.kind === 'poll') retallyPoll(ctx, written.chatId, written.id, true);
      return true;
    }
    case 'message.status':
      return updateMessageStatus(ctx, op, op.status, op.failure);
    case 'message.react':
      return applyReaction(ctx, op, op.reaction);
    case 'message.edit':
      return applyEdit(ctx, op, op.text, op.editedAt);
    case 'message.revoke':
      return revokeMessage(ctx, op);
    case 'message.delete':
      deleteMessages(ctx, op.chatId, op.messageIds);
      return true;
    case 'chat.upsert':
      upsertChat(ctx, op.chat);
      return true;
    case 'chat.delete':
      return deleteChat(ctx, op.chatId);
    case 'contact.upsert':
      upsertContact(ctx, op.contact);
      return true;
    case 'lid.map':
      recordLidMapping(ctx, op.lid, op.pn, op.source);
      return true;
    case 'media.state':
      return setMediaState(ctx, op.update);
    case 'sync.status':
      writeSyncStatus(ctx, op.status);
      return true;
    case 'history.processed':
      return journal.markProcessed(op.chunkId, op, ctx.nowMs);
    case 'poll.vote':
      return applyPollVote(ctx, op.vote);
    case 'setting.set':
      writeSetting(ctx, op.setting.key, settingJson(op.setting));
      return true;
    case 'setting.delete':
      writeSetting(ctx, op.key, null);
      return true;
    default:
      throw missingCaseError(op);
  }
}

function writeSyncStatus(ctx: WriteContext, status: SyncStatus): void {
  const seq = ctx.changeLog.nextSeq();
  ctx.db
    .stmt(
      `INSERT INTO sync_status (id, status_json, seq) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status_json = excluded.status_json, seq = excluded.seq`,
    )
    .run(JSON.stringify(status), seq);
  const change = { seq, kind: 'syncStatus', status } as const;
  ctx.changes.add(changeKey(change), change);
}
