import type { AnyMessageContent, ChatModification, WAMessage, WAMessageKey, WASocket } from '@whiskeysockets/baileys';
import { generateMessageIDV2, jidNormalizedUser, proto } from '@whiskeysockets/baileys';
import type { ChatAction, ChatId } from '../../../shared/src/index.js';
import type { AccountStore } from '../store/index.js';
import { missingCaseError } from '../util/missingCaseError.js';
import { waKeyOf } from './messageKeys.js';

/** Thrown when a command needs the socket and there is none (the caller maps it to NOT_CONNECTED). */
export class NotConnectedError extends Error {
  constructor() {
    super('not connected');
    this.name = 'NotConnectedError';
  }
}

/** A referenced message is not in the archive. */
export class UnknownMessageError extends Error {
  constructor() {
    super('message not found in the archive');
    this.name = 'UnknownMessageError';
  }
}

export type Attachment = Readonly<{
  kind: 'image' | 'document';
  fileName: string;
  mimeType: string;
  data: Uint8Array;
  caption: string | null;
}>;

/**
 * Outgoing operations on the live socket, in domain ids. Every send takes the WhatsApp message id
 * the outbox fixed before the first attempt, so a retry after a crash never duplicates a message.
 */
export class WaCommands {
  readonly #socket: () => WASocket | undefined;
  readonly #store: AccountStore;

  constructor(socket: () => WASocket | undefined, store: AccountStore) {
    this.#socket = socket;
    this.#store = store;
  }

  /** A fresh WhatsApp message id in the format WhatsApp Web uses for this account. */
  newMessageId(selfJid: string | undefined): string {
    return generateMessageIDV2(selfJid);
  }

  async sendText(chatId: ChatId, waId: string, text: string, quotedId: string | null): Promise<void> {
    const quoted = quotedId === null ? undefined : this.#waMessage(chatId, quotedId);
    await this.#send(chatId, { text }, waId, quoted);
  }

  async sendAttachment(chatId: ChatId, waId: string, a: Attachment): Promise<void> {
    const data = Buffer.from(a.data);
    const caption = a.caption ?? undefined;
    const content: AnyMessageContent =
      a.kind === 'image'
        ? { image: data, mimetype: a.mimeType, ...(caption ? { caption } : {}) }
        : { document: data, mimetype: a.mimeType, fileName: a.fileName, ...(caption ? { caption } : {}) };
    await this.#send(chatId, content, waId);
  }

  async react(chatId: ChatId, messageId: string, emoji: string, waId: string): Promise<void> {
    await this.#send(chatId, { react: { text: emoji, key: this.#key(chatId, messageId) } }, waId);
  }

  async edit(chatId: ChatId, messageId: string, text: string, waId: string): Promise<void> {
    await this.#send(chatId, { text, edit: this.#key(chatId, messageId) }, waId);
  }

  async deleteForEveryone(chatId: ChatId, messageId: string, waId: string): Promise<void> {
    await this.#send(chatId, { delete: this.#key(chatId, messageId) }, waId);
  }

  async forward(fromChatId: ChatId, messageId: string, toChatId: ChatId, waId: string): Promise<void> {
    await this.#send(toChatId, { forward: this.#waMessage(fromChatId, messageId) }, waId);
  }

  async modifyChat(chatId: ChatId, action: ChatAction): Promise<void> {
    const sock = this.#require();
    if (action.type === 'markRead') {
      const unread = this.#store.pageMessages(chatId, null, 50).messages.filter((m) => !m.isFromMe);
      await sock.readMessages(unread.map((m) => this.#key(chatId, m.id)));
      return;
    }
    await sock.chatModify(this.#modification(chatId, action), chatId);
  }

  /** The chat JID of a phone number on WhatsApp, or null when the number has no account. */
  async lookupNumber(phoneNumber: string): Promise<string | null> {
    const digits = phoneNumber.replace(/\D/g, '');
    const results = await this.#require().onWhatsApp(`${digits}@s.whatsapp.net`);
    const hit = results?.find((r) => r.exists);
    return hit ? jidNormalizedUser(hit.jid) : null;
  }

  /** Asks the phone for up to `count` messages older than the oldest archived one of the chat. */
  async requestOlder(chatId: ChatId, count: number): Promise<boolean> {
    const chat = this.#store.getChat(chatId);
    if (chat?.oldestMessageAt == null) return false;
    // Messages strictly older than oldest+1 ms: exactly the oldest one(s).
    const oldest = this.#store.pageMessages(chatId, chat.oldestMessageAt + 1, 1).messages[0];
    if (oldest === undefined) return false;
    await this.#require().fetchMessageHistory(count, this.#key(chatId, oldest.id), oldest.timestamp);
    return true;
  }

  #modification(chatId: ChatId, action: Exclude<ChatAction, { type: 'markRead' }>): ChatModification {
    const last = this.#store.pageMessages(chatId, null, 1).messages[0];
    const lastMessages = last
      ? [{ key: this.#key(chatId, last.id), messageTimestamp: Math.floor(last.timestamp / 1000) }]
      : [];
    switch (action.type) {
      case 'pin':
        return { pin: action.value };
      case 'archive':
        return { archive: action.value, lastMessages };
      case 'mute':
        return { mute: action.untilMs };
      case 'markUnread':
        return { markRead: false, lastMessages };
      default:
        throw missingCaseError(action);
    }
  }

  async #send(chatId: ChatId, content: AnyMessageContent, waId: string, quoted?: WAMessage): Promise<void> {
    await this.#require().sendMessage(chatId, content, { messageId: waId, ...(quoted ? { quoted } : {}) });
  }

  #require(): WASocket {
    const sock = this.#socket();
    if (sock === undefined) throw new NotConnectedError();
    return sock;
  }

  #key(chatId: string, messageId: string): WAMessageKey {
    return waKeyOf(chatId, messageId, this.#store.getRawMessage(chatId, messageId));
  }

  #waMessage(chatId: string, messageId: string): WAMessage {
    const raw = this.#store.getRawMessage(chatId, messageId);
    if (raw === undefined) throw new UnknownMessageError();
    return proto.WebMessageInfo.decode(raw) as WAMessage;
  }
}
