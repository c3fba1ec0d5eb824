import type { BaileysEventMap, Contact as WAContact, WAMessage, WAMessageKey, WASocket } from '@whiskeysockets/baileys';
import { getHistoryMsg, isJidGroup, jidNormalizedUser, proto } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { MessageStatus } from '../../../shared/src/index.js';
import type { AccountStore, StoreOp } from '../store/index.js';
import { crashPoint } from '../util/crashPoints.js';
import type { IngestSink } from './ingestTypes.js';
import { domainTargetOf } from './messageKeys.js';
import type { NormalizeContext } from './normalize/index.js';
import { makeJidResolver, normalizeContact, normalizeMessage, toContactId } from './normalize/index.js';
import { chatPatchOf } from './normalize/normalizeHistorySync.js';
import { toStoreOps } from './toStoreOps.js';

// proto.WebMessageInfo.Status: ERROR, PENDING, SERVER_ACK, DELIVERY_ACK, READ, PLAYED.
const STATUS_BY_NUMBER: readonly MessageStatus[] = ['failed', 'pending', 'sent', 'delivered', 'read', 'played'];
// How many recently persisted ids to remember so messages.upsert does not write them twice.
const RECENT_IDS_MAX = 5_000;

export type EventIngestDeps = Readonly<{
  store: AccountStore;
  sink: IngestSink;
  context: () => NormalizeContext;
  log: Logger;
  /** Journals a history notification (raw bytes) before its receipt; see HistorySyncIngest. */
  journalHistory: (msg: WAMessage) => void;
  /** Applies journaled chunks a crash left unprocessed (fire-and-forget). */
  replayHistory: () => void;
}>;

/**
 * Socket events → normalized ops → the sink. Live messages are persisted in `beforeReceipt`, i.e.
 * before WhatsApp is told they were delivered; `messages.upsert` then only writes what was not
 * persisted there (messages this app sent, appends, echoes). Every write is an idempotent upsert.
 */
export class EventIngest {
  readonly #deps: EventIngestDeps;
  readonly #recent = new Set<string>();

  constructor(deps: EventIngestDeps) {
    this.#deps = deps;
  }

  /** Baileys' patched hook: runs after decrypt, before the delivery receipt. Throwing = no receipt. */
  beforeReceipt = (msg: WAMessage): Promise<void> => {
    crashPoint('after-decrypt');
    if (msg.message && getHistoryMsg(msg.message)) this.#deps.journalHistory(msg);
    const ops = this.#messageOps([msg]);
    this.#deps.sink.persist(ops, { kind: 'live' });
    this.#remember(msg);
    crashPoint('before-receipt');
    return Promise.resolve();
  };

  /**
   * Baileys' patched `storedAs` hook, asked when a message fails to decrypt: a redelivery of one
   * persisted here before the process died (keys committed, receipt not sent) is acknowledged
   * instead of answered with a retry receipt the sender cannot satisfy.
   */
  storedAs = (key: WAMessageKey): Promise<'message' | 'history-sync' | undefined> => {
    const { store } = this.#deps;
    if (key.id && store.hasHistoryChunk(key.id)) {
      // Baileys skips processing for it: apply the chunk from the journal now, not on the next start.
      this.#deps.replayHistory();
      return Promise.resolve('history-sync');
    }
    const target = domainTargetOf(key, this.#deps.context());
    const isStored = target !== null && store.getRawMessage(target.chatId, target.messageId) !== undefined;
    return Promise.resolve(isStored ? 'message' : undefined);
  };

  attach(sock: WASocket): void {
    const ev = sock.ev;
    ev.on('messages.upsert', (e) => this.#guard('messages.upsert', () => this.#onUpsert(e)));
    ev.on('messages.update', (e) => this.#guard('messages.update', () => this.#onUpdate(e)));
    ev.on('messages.reaction', (e) => this.#guard('messages.reaction', () => this.#onReaction(e)));
    ev.on('contacts.upsert', (e) => this.#guard('contacts.upsert', () => this.#onContacts(e)));
    ev.on('contacts.update', (e) => this.#guard('contacts.update', () => this.#onContacts(e as WAContact[])));
    ev.on('chats.upsert', (e) => this.#guard('chats.upsert', () => this.#onChats(e, false)));
    ev.on('chats.update', (e) => this.#guard('chats.update', () => this.#onChats(e, true)));
    ev.on('groups.upsert', (e) => this.#guard('groups.upsert', () => this.#onGroups(e, true)));
    ev.on('groups.update', (e) => this.#guard('groups.update', () => this.#onGroups(e, false)));
    ev.on('lid-mapping.update', (e) => this.#guard('lid-mapping.update', () => this.#onLidMapping(e)));
    ev.on('messaging-history.status', (e) =>
      this.#guard('messaging-history.status', () =>
        this.#deps.sink.onHistoryStatus(
          e.status,
          e.explicit,
          proto.HistorySync.HistorySyncType[e.syncType] ?? String(e.syncType),
        ),
      ),
    );
  }

  #onUpsert({ messages }: BaileysEventMap['messages.upsert']): void {
    crashPoint('after-receipt');
    const fresh = messages.filter((m) => !this.#recent.has(recentKey(m)));
    if (fresh.length === 0) return;
    this.#persist(this.#messageOps(fresh));
    for (const m of fresh) this.#remember(m);
  }

  #onUpdate(updates: BaileysEventMap['messages.update']): void {
    const ctx = this.#deps.context();
    const ops: StoreOp[] = [];
    for (const { key, update } of updates) {
      const target = domainTargetOf(key, ctx);
      if (target === null || typeof update.status !== 'number') continue;
      const status = STATUS_BY_NUMBER[update.status];
      if (status !== undefined) ops.push({ type: 'message.status', ...target, status });
    }
    this.#persist(ops);
  }

  #onReaction(reactions: BaileysEventMap['messages.reaction']): void {
    const ctx = this.#deps.context();
    const resolver = makeJidResolver(ctx);
    const ops: StoreOp[] = [];
    for (const { key, reaction } of reactions) {
      const target = domainTargetOf(key, ctx);
      const by = reaction.key;
      if (target === null || !by) continue;
      const senderJid = by.fromMe ? ctx.self.pn : by.participant || by.remoteJid;
      if (!senderJid) continue;
      ops.push({
        type: 'message.react',
        ...target,
        reaction: {
          senderId: toContactId(resolver.canonical(senderJid)),
          emoji: reaction.text ?? '',
          at: Number(reaction.senderTimestampMs ?? Date.now()),
        },
      });
    }
    this.#persist(ops);
  }

  #onContacts(contacts: readonly WAContact[]): void {
    const ctx = this.#deps.context();
    this.#persist(
      this.#toStore(
        contacts.flatMap((c) => normalizeContact(c, ctx)),
        'contacts',
      ),
    );
  }

  #onChats(chats: BaileysEventMap['chats.update'], isUpdate: boolean): void {
    const ctx = this.#deps.context();
    const resolver = makeJidResolver(ctx);
    const ops: StoreOp[] = [];
    for (const chat of chats) {
      if (!chat.id) continue;
      const patch = chatPatchOf({ ...chat, id: chat.id, ...appStateTimesInSeconds(chat) }, resolver.canonical(chat.id));
      // In chats.update a positive unreadCount is a delta: processMessage reports each new incoming
      // message as +1 and the event buffer sums them. Stored as is, three messages showed "1".
      const delta = isUpdate && typeof chat.unreadCount === 'number' && chat.unreadCount > 0 ? chat.unreadCount : 0;
      const unreadCount = delta > 0 ? (this.#deps.store.getChat(patch.id)?.unreadCount ?? 0) + delta : undefined;
      ops.push({ type: 'chat.upsert', chat: unreadCount === undefined ? patch : { ...patch, unreadCount } });
    }
    this.#persist(ops);
  }

  /**
   * Group metadata names the group chat. A group the account was just added to (upsert) gets its
   * chat; the refresh after a `dirty` bit lists every group, so it only names chats that exist.
   */
  #onGroups(groups: BaileysEventMap['groups.update'], isNewGroup: boolean): void {
    const ops: StoreOp[] = [];
    for (const g of groups) {
      if (!g.id || !isJidGroup(g.id) || !g.subject) continue;
      if (!isNewGroup && this.#deps.store.getChat(g.id) === undefined) continue;
      ops.push({
        type: 'chat.upsert',
        chat: { id: g.id, contactId: toContactId(g.id), isGroup: true, subject: g.subject },
      });
    }
    this.#persist(ops);
  }

  #onLidMapping({ lid, pn }: BaileysEventMap['lid-mapping.update']): void {
    this.#persist([{ type: 'lid.map', lid: jidNormalizedUser(lid), pn: jidNormalizedUser(pn), source: 'lid-mapping' }]);
  }

  #messageOps(messages: readonly WAMessage[]): StoreOp[] {
    const ctx = this.#deps.context();
    const ops: StoreOp[] = [];
    for (const m of messages) {
      try {
        ops.push(...this.#toStore(normalizeMessage(m, ctx), 'message'));
      } catch (err) {
        // A normalizer bug must not turn into a poison message (no receipt → redelivered forever,
        // and a redelivery cannot be decrypted again): keep the raw bytes behind a placeholder.
        this.#deps.log.error({ err, waId: m.key.id }, 'message could not be normalized; stored as unsupported');
        const placeholder = placeholderOp(m, ctx);
        if (placeholder) ops.push(placeholder);
      }
    }
    return ops;
  }

  #toStore(ops: Parameters<typeof toStoreOps>[0], lidSource: string): StoreOp[] {
    const store = this.#deps.store;
    return toStoreOps(ops, { lidSource, hasMediaRecord: (c, m) => store.getMedia(c, m) !== undefined });
  }

  #persist(ops: readonly StoreOp[]): void {
    if (ops.length > 0) this.#deps.sink.persist(ops, { kind: 'live' });
  }

  #remember(msg: WAMessage): void {
    this.#recent.add(recentKey(msg));
    if (this.#recent.size > RECENT_IDS_MAX) {
      const oldest = this.#recent.values().next().value;
      if (oldest !== undefined) this.#recent.delete(oldest);
    }
  }

  /** Event handlers run inside Baileys' emitter: a throw there would be lost, so log it here. */
  #guard(event: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.#deps.log.error({ err, event }, 'failed to ingest socket event');
    }
  }
}

/**
 * chatPatchOf reads `muteEndTime` and `pinned` as seconds (history Conversation), but app-state
 * updates carry the syncAction's millisecond timestamps through unchanged.
 */
function appStateTimesInSeconds(chat: { muteEndTime?: unknown; pinned?: unknown }): {
  muteEndTime?: number;
  pinned?: number;
} {
  const out: { muteEndTime?: number; pinned?: number } = {};
  for (const field of ['muteEndTime', 'pinned'] as const) {
    const n = Number(chat[field] ?? NaN);
    if (Number.isFinite(n) && n > 1e11) out[field] = Math.floor(n / 1000);
  }
  return out;
}

function placeholderOp(m: WAMessage, ctx: NormalizeContext): StoreOp | null {
  const target = domainTargetOf(m.key, ctx);
  if (target === null) return null;
  const senderJid = m.key.participant || m.key.remoteJid;
  return {
    type: 'message.upsert',
    raw: proto.WebMessageInfo.encode(m).finish(),
    message: {
      accountId: ctx.accountId,
      chatId: target.chatId,
      id: target.messageId,
      senderId: m.key.fromMe || !senderJid ? null : toContactId(makeJidResolver(ctx).canonical(senderJid)),
      isFromMe: m.key.fromMe === true,
      isFromOtherDevice: m.key.fromMe === true && !ctx.isSentByThisDevice(m.key.id ?? ''),
      timestamp: Number(m.messageTimestamp ?? 0) * 1000,
      status: m.key.fromMe ? 'sent' : 'received',
      body: { kind: 'unsupported', waType: 'normalizeError' },
      quoted: null,
      reactions: [],
      editedAt: null,
      isForwarded: false,
      failure: null,
    },
  };
}

// Not remoteJid: Baileys' cleanMessage rewrites it between beforeReceipt and messages.upsert.
const recentKey = (m: WAMessage): string => `${m.key.fromMe ? 1 : 0}|${m.key.id ?? ''}`;
