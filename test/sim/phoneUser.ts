import { generateMessageID, proto } from '@whiskeysockets/baileys';
import type { ChatModification, WAPatchName } from '@whiskeysockets/baileys';
import type { SendOptions } from './peer.js';
import type { Simulator } from './simulator.js';

const nowS = (): string => String(Math.floor(Date.now() / 1000));

/**
 * The user doing things on their phone, as the linked device sees them: messages arrive as `fromMe`
 * deviceSentMessages, reads arrive as `read-self` receipts plus a `markChatAsRead` app-state
 * mutation, chat-list changes (archive, pin, mute, contact names, push name) arrive as app-state
 * patches announced with `<notification type="server_sync">`.
 *
 *   const id = await sim.phoneUser.sendText(ana.pnJid, 'sent from my phone');
 *   await sim.phoneUser.edit(ana.pnJid, id, 'fixed typo');
 *   await sim.phoneUser.archive(ana.pnJid);
 */
export class PhoneUser {
  constructor(private readonly sim: Simulator) {}

  /** Any message typed on the phone into `chatJid` (a DSM to the companion, `fromMe` there). */
  send(chatJid: string, message: proto.IMessage, opts: SendOptions = {}): Promise<string> {
    return this.sim.phone.sendAsMe(chatJid, message, opts);
  }

  sendText(chatJid: string, text: string, opts: SendOptions = {}): Promise<string> {
    return this.send(chatJid, { conversation: text }, opts);
  }

  /** Delete for everyone of one of the user's own messages. */
  revoke(chatJid: string, msgId: string): Promise<string> {
    return this.send(chatJid, {
      protocolMessage: {
        key: { remoteJid: chatJid, fromMe: true, id: msgId },
        type: proto.Message.ProtocolMessage.Type.REVOKE,
      },
    });
  }

  /** Edit of one of the user's own messages (MESSAGE_EDIT, as WhatsApp sends edits). */
  edit(chatJid: string, msgId: string, text: string): Promise<string> {
    return this.send(chatJid, {
      protocolMessage: {
        key: { remoteJid: chatJid, fromMe: true, id: msgId },
        type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT,
        editedMessage: { conversation: text },
        timestampMs: Date.now(),
      },
    });
  }

  /**
   * Opening a chat on the phone. WhatsApp sends the companions a `read-self` receipt for the messages
   * read (Baileys: `messages.update` status READ) and, for the chat list, a `markChatAsRead`
   * app-state mutation (Baileys: `chats.update` unreadCount 0), which is what clears the badge.
   */
  async readChat(chatJid: string, msgIds: readonly string[]): Promise<void> {
    const [first, ...rest] = msgIds;
    if (first) {
      this.sim.deliver({
        tag: 'receipt',
        attrs: { from: this.sim.accountJid, recipient: chatJid, id: first, type: 'read-self', t: nowS() },
        ...(rest.length
          ? { content: [{ tag: 'list', attrs: {}, content: rest.map((id) => ({ tag: 'item', attrs: { id } })) }] }
          : {}),
      });
    }
    await this.change({ markRead: true, lastMessages: [] }, chatJid);
  }

  markUnread(chatJid: string): Promise<WAPatchName> {
    return this.change({ markRead: false, lastMessages: [] }, chatJid);
  }

  archive(chatJid: string, archived = true): Promise<WAPatchName> {
    return this.change({ archive: archived, lastMessages: [] }, chatJid);
  }

  pin(chatJid: string, pinned = true): Promise<WAPatchName> {
    return this.change({ pin: pinned }, chatJid);
  }

  /** `untilMs` = mute end (ms since epoch), or null to unmute. */
  mute(chatJid: string, untilMs: number | null): Promise<WAPatchName> {
    return this.change({ mute: untilMs }, chatJid);
  }

  /** The account's own push name (`setting_pushName`); Baileys updates `creds.me.name`. */
  setPushName(name: string): Promise<WAPatchName> {
    return this.change({ pushNameSetting: name }, '');
  }

  /** Saves (or, with null, deletes) a phone-book entry; Baileys emits `contacts.upsert` with the name. */
  saveContact(
    jid: string,
    entry: Readonly<{ fullName?: string; firstName?: string; lidJid?: string }> | null,
  ): Promise<WAPatchName> {
    return this.change({ contact: entry ? { ...entry, saveOnPrimaryAddressbook: true } : null }, jid);
  }

  /**
   * Any chat modification done on the phone: stored as the collection's next patch, then announced
   * with a server_sync notification (queued, so an offline client gets it on login).
   */
  async change(mod: ChatModification, jid: string, opts: Readonly<{ notify?: boolean }> = {}): Promise<WAPatchName> {
    const name = await this.sim.appState.applyPhoneChange(mod, jid);
    if (opts.notify !== false && this.sim.device) this.notifyServerSync([name]);
    return name;
  }

  /** Tells the client these collections changed (Baileys fetches their new patches). */
  notifyServerSync(names: readonly WAPatchName[]): string {
    const id = generateMessageID();
    this.sim.deliver(this.sim.appState.serverSyncNotification(names, id));
    return id;
  }
}
