import type { proto } from '@whiskeysockets/baileys';
import { buildMessage } from './messageKinds.js';
import type { MessageKind } from './messageKinds.js';
import { Peer } from './peer.js';
import type { SendOptions } from './peer.js';

export type ReceiptPolicy = {
  /** Send a delivery receipt for what the app sends (default true). */
  delivery: boolean;
  /** Also send a read receipt (default false). */
  read: boolean;
  /** Spacing before each receipt; ≥250 ms or Baileys' event buffer merges them (SIMULATOR-NOTES §5). */
  delayMs: number;
};

/** The simulator side a contact talks through. */
export type ContactHost = {
  readonly accountJid: string;
  sendFromPeer(peer: Peer, message: proto.IMessage, opts: SendOptions & { pushName?: string }): Promise<string>;
  sendReceipts(contact: Contact, msgIds: readonly string[], type: 'delivery' | 'read'): void;
};

export type ContactInit = Readonly<{ pn: string; lid: string; pushName?: string; receipts?: Partial<ReceiptPolicy> }>;

/**
 * A WhatsApp user with a real Signal identity (device 0) who chats with the account.
 *
 *   const ana = sim.addContact({ pn: '15550002001', lid: '900000000001', pushName: 'Ana' });
 *   const id = await ana.send({ kind: 'text', text: 'hola' });
 *   const got = await ana.waitForMessage();   // decrypted proto.Message from the app
 */
export class Contact extends Peer {
  pushName: string | undefined;
  readonly receipts: ReceiptPolicy;

  constructor(
    private readonly host: ContactHost,
    init: ContactInit,
  ) {
    super(init.pn, init.lid);
    this.pushName = init.pushName;
    this.receipts = { delivery: true, read: false, delayMs: 250, ...init.receipts };
  }

  send(kind: MessageKind, opts: SendOptions = {}): Promise<string> {
    const message = buildMessage(kind, {
      chatJid: this.host.accountJid,
      senderJid: this.pnJid,
      accountJid: this.host.accountJid,
    });
    const stanzaType = kind.kind === 'reaction' ? 'reaction' : kind.kind === 'poll' ? 'poll' : 'text';
    return this.sendMessage(message, { stanzaType, ...opts });
  }

  sendText(text: string, opts: SendOptions = {}): Promise<string> {
    return this.send({ kind: 'text', text }, opts);
  }

  /** Sends any prebuilt proto.Message (e.g. media from test/sim/media). */
  sendMessage(message: proto.IMessage, opts: SendOptions = {}): Promise<string> {
    return this.host.sendFromPeer(this, message, {
      ...opts,
      ...(this.pushName !== undefined ? { pushName: this.pushName } : {}),
    });
  }

  /** Read receipt for messages the app sent (when `receipts.read` is off). */
  markRead(msgIds: readonly string[]): void {
    this.host.sendReceipts(this, msgIds, 'read');
  }
}
