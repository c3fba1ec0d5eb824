import type { BaileysEventMap, Chat as WAChat, proto } from '@whiskeysockets/baileys';
import { contactLidPairs, normalizeContact } from './normalizeContact.js';
import { normalizeMessage } from './normalizeMessage.js';
import { oldestFirst } from './oldestFirst.js';
import type { LidPnPair } from './messageId.js';
import { isConsistentPair, isGroupJid, lidPnPairOf, makeJidResolver, toChatId, toContactId } from './messageId.js';
import type { ChatPatch, NormalizeContext, NormalizeOp } from './ops.js';
import { protoNumber, secondsToMs } from './protoNumbers.js';

export type HistorySyncInput = Pick<
  BaileysEventMap['messaging-history.set'],
  'chats' | 'contacts' | 'messages' | 'lidPnMappings' | 'syncType' | 'progress' | 'chunkOrder'
>;

export type HistorySyncResult = Readonly<{
  /**
   * Order: lidMapping, contact names (the chunk's contacts, then one pushName per sender), upsertChat
   * (one per chat), then message ops, oldest message first.
   */
  ops: NormalizeOp[];
  meta: Readonly<{
    syncType: number | null;
    progress: number | null;
    chunkOrder: number | null;
    messageCount: number;
    chatCount: number;
  }>;
}>;

// WhatsApp writes "muted forever" as a negative end time.
const MUTED_FOREVER_MS = Number.MAX_SAFE_INTEGER;

/**
 * One `messaging-history.set` chunk as ops. Chat rows come from `chats` *and* from the messages: Baileys'
 * event buffer drops chats it already emitted, so later chunks arrive with `chats: []` while their
 * messages still do. The chunk's own LID mappings resolve its JIDs before they reach the store.
 */
export function normalizeHistorySync(
  input: HistorySyncInput,
  ctx: NormalizeContext,
  /** Each message's bytes as they came off the wire, when known (stored as `raw` without re-encoding). */
  messageBytes: ReadonlyMap<proto.IWebMessageInfo, Uint8Array> = new Map(),
): HistorySyncResult {
  const pairs = uniquePairs([
    ...(input.lidPnMappings ?? []).map((m) => lidPnPairOf(m.lid, m.pn)),
    ...input.chats.flatMap((c) => [
      lidPnPairOf(c.lidJid, c.pnJid),
      lidPnPairOf(c.id, c.pnJid),
      lidPnPairOf(c.id, c.lidJid),
    ]),
    ...input.contacts.flatMap(contactLidPairs),
  ]).filter((p) => isConsistentPair(ctx, p));
  const resolver = makeJidResolver(ctx, pairs);
  const chats = new Map<string, ChatPatch>();
  const mergeInto = (patch: ChatPatch): void => {
    const prev = chats.get(patch.id);
    chats.set(patch.id, prev ? mergeChatPatch(prev, patch) : patch);
  };

  const messageOps: NormalizeOp[] = [];
  const senderNames = new Map<string, Readonly<{ op: NameOp; at: number }>>();
  let messageCount = 0;
  // Oldest first: the store keeps a burst within one second in the order it receives it.
  for (const msg of oldestFirst(input.messages)) {
    for (const op of normalizeMessage(msg, ctx, pairs, { resolver, raw: messageBytes.get(msg) })) {
      if (op.op === 'upsertChat') {
        mergeInto(op.chat);
      } else if (op.op === 'upsertContactName') {
        keepNewestName(senderNames, op, secondsToMs(msg.messageTimestamp) ?? 0);
      } else if (op.op !== 'lidMapping') {
        messageCount += op.op === 'upsertMessage' ? 1 : 0;
        messageOps.push(op);
      }
    }
  }
  for (const chat of input.chats) {
    if (chat.id) {
      const patch = chatPatchOf(chat, resolver.canonical(chat.id));
      // conversationTimestamp is only a fallback ordering hint when the chunk has no message for the chat.
      mergeInto(chats.has(patch.id) ? { ...patch, lastMessageAt: undefined } : patch);
    }
  }
  const contactOps = input.contacts
    .flatMap((c) => normalizeContact(c, ctx, pairs, resolver))
    .filter((op) => op.op !== 'lidMapping');
  return {
    ops: [
      ...pairs.map((p): NormalizeOp => ({ op: 'lidMapping', ...p })),
      ...contactOps,
      ...[...senderNames.values()].map((n) => n.op),
      ...[...chats.values()].map((chat): NormalizeOp => ({ op: 'upsertChat', chat })),
      ...messageOps,
    ],
    meta: {
      syncType: input.syncType ?? null,
      progress: input.progress ?? null,
      chunkOrder: input.chunkOrder ?? null,
      messageCount,
      chatCount: chats.size,
    },
  };
}

/** Chat-list state from a history conversation. Absent fields stay absent so they never overwrite. */
export function chatPatchOf(chat: WAChat, canonicalJid: string): ChatPatch {
  const isGroup = isGroupJid(canonicalJid);
  const mute = protoNumber(chat.muteEndTime);
  const lastMessageAt = secondsToMs(chat.conversationTimestamp);
  const patch: { -readonly [K in keyof ChatPatch]: ChatPatch[K] } = {
    id: toChatId(canonicalJid),
    contactId: toContactId(canonicalJid),
    isGroup,
  };
  if (isGroup && chat.name) patch.subject = chat.name;
  if (typeof chat.unreadCount === 'number' && chat.unreadCount >= 0) patch.unreadCount = chat.unreadCount;
  // App state's markChatAsRead reaches us as unreadCount -1 (marked unread, count untouched) or 0
  // (read), never as markedAsUnread; reading a chat clears the mark. markedAsUnread wins below.
  if (chat.unreadCount === -1) patch.isMarkedUnread = true;
  if (chat.unreadCount === 0) patch.isMarkedUnread = false;
  if (typeof chat.archived === 'boolean') patch.isArchived = chat.archived;
  if (typeof chat.markedAsUnread === 'boolean') patch.isMarkedUnread = chat.markedAsUnread;
  // `pinned` is the pin time in seconds; 0 means not pinned.
  if (typeof chat.pinned === 'number') patch.pinnedAt = chat.pinned > 0 ? chat.pinned * 1000 : null;
  if (mute !== null) patch.mutedUntil = mute < 0 ? MUTED_FOREVER_MS : mute === 0 ? null : mute * 1000;
  // App state's unpin and unmute arrive as an explicit null (absent fields are left out, not null).
  if (isExplicitNull(chat, 'pinned')) patch.pinnedAt = null;
  if (isExplicitNull(chat, 'muteEndTime')) patch.mutedUntil = null;
  if (lastMessageAt !== null && lastMessageAt > 0) patch.lastMessageAt = lastMessageAt;
  return patch;
}

function isExplicitNull(chat: WAChat, field: 'pinned' | 'muteEndTime'): boolean {
  return Object.prototype.hasOwnProperty.call(chat, field) && chat[field] === null;
}

/** The store's merge rule, applied within a chunk: newest preview wins, oldest message time is kept. */
export function mergeChatPatch(a: ChatPatch, b: ChatPatch): ChatPatch {
  const merged: { -readonly [K in keyof ChatPatch]: ChatPatch[K] } = { ...a };
  for (const [k, v] of Object.entries(b) as Array<[keyof ChatPatch, unknown]>) {
    if (v !== undefined && k !== 'lastMessageAt' && k !== 'oldestMessageAt' && k !== 'preview') {
      (merged as Record<string, unknown>)[k] = v;
    }
  }
  if (
    b.lastMessageAt !== undefined &&
    (a.lastMessageAt === undefined || (b.lastMessageAt ?? 0) >= (a.lastMessageAt ?? 0))
  ) {
    merged.lastMessageAt = b.lastMessageAt;
    merged.preview = b.preview ?? a.preview;
  }
  if (
    b.oldestMessageAt !== undefined &&
    (a.oldestMessageAt === undefined || (b.oldestMessageAt ?? 0) < (a.oldestMessageAt ?? 0))
  ) {
    merged.oldestMessageAt = b.oldestMessageAt;
  }
  return merged;
}

type NameOp = Extract<NormalizeOp, { op: 'upsertContactName' }>;

/**
 * A sender's pushName rides on every message they sent. One name op per contact and source per
 * chunk, taken from their newest message (later in the chunk wins a tie), replaces one store upsert
 * per message: the same name would be written hundreds of times, and the newest is what sticks.
 */
function keepNewestName(names: Map<string, Readonly<{ op: NameOp; at: number }>>, op: NameOp, at: number): void {
  const key = `${op.contactId}\u001f${op.source}`;
  const prev = names.get(key);
  if (prev === undefined || at >= prev.at) names.set(key, { op, at });
}

function uniquePairs(pairs: ReadonlyArray<LidPnPair | null>): LidPnPair[] {
  const byLid = new Map<string, LidPnPair>();
  for (const p of pairs) {
    if (p) byLid.set(p.lid, p);
  }
  return [...byLid.values()];
}
