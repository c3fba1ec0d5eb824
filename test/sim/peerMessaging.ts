import { generateMessageID, getBinaryNodeChild, getBinaryNodeChildren, proto } from '@whiskeysockets/baileys';
import type { BinaryNode } from '@whiskeysockets/baileys';
import { Contact } from './contact.js';
import type { Peer, SendOptions } from './peer.js';
import type { ServerConnection } from './serverConnection.js';
import { MAX_RETRY_RECEIPTS, retryReceipt } from './retryReceipts.js';
import type { PreKeyBundle } from './signalActor.js';
import type { Simulator } from './simulator.js';
import type { LinkedDevice } from './world.js';
import { splitJid, takeDeviceBundle } from './world.js';

type Outgoing = { peer: Peer; message: proto.IMessage; attrs: Record<string, string>; corruptLeft: number };

const nowS = (): string => String(Math.floor(Date.now() / 1000));

const buf = (node: BinaryNode | undefined): Buffer | undefined =>
  node?.content instanceof Uint8Array ? Buffer.from(node.content) : undefined;

const uintOf = (node: BinaryNode | undefined): number => {
  const b = buf(node);
  return b && b.length ? b.readUIntBE(0, b.length) : 0;
};

/** Breaks the MAC (trailing bytes) so decryption fails without advancing the client's session. */
function corrupted(ciphertext: Uint8Array): Buffer {
  const out = Buffer.from(ciphertext);
  out[out.length - 1]! ^= 0xff;
  return out;
}

/** The keys a client attaches to a retry receipt, as a bundle to start a fresh session from. */
function bundleFromRetryKeys(receipt: BinaryNode): PreKeyBundle | undefined {
  const keys = getBinaryNodeChild(receipt, 'keys');
  const identity = buf(getBinaryNodeChild(keys, 'identity'));
  const skey = getBinaryNodeChild(keys, 'skey');
  const key = getBinaryNodeChild(keys, 'key');
  const skeyValue = buf(getBinaryNodeChild(skey, 'value'));
  if (!keys || !identity || !skeyValue) return undefined;
  const keyValue = buf(getBinaryNodeChild(key, 'value'));
  const signature = buf(getBinaryNodeChild(skey, 'signature'));
  return {
    registrationId: uintOf(getBinaryNodeChild(receipt, 'registration')),
    identityKey: identity,
    signedPreKey: {
      keyId: uintOf(getBinaryNodeChild(skey, 'id')),
      publicKey: skeyValue,
      ...(signature ? { signature } : {}),
    },
    ...(keyValue ? { preKey: { keyId: uintOf(getBinaryNodeChild(key, 'id')), publicKey: keyValue } } : {}),
  };
}

/**
 * Signal traffic between peers (contacts, the phone) and the linked device: encrypts what peers send,
 * decrypts what the app sends, answers retry receipts and sends the contacts' receipts.
 */
export class PeerMessaging {
  readonly #outbox = new Map<string, Outgoing>();
  /** Retry receipts each peer sent per message id (`${pn}|${id}`). */
  readonly #retriesAsked = new Map<string, number>();
  decryptFailures = 0;

  constructor(private readonly sim: Simulator) {}

  async sendFromPeer(peer: Peer, message: proto.IMessage, opts: SendOptions & { pushName?: string }): Promise<string> {
    const device = this.sim.device;
    if (!device) throw new Error('no linked device: pair a client first');
    const id = opts.id ?? generateMessageID();
    const isPhone = peer === this.sim.phone;
    const attrs: Record<string, string> = { id, t: String(opts.timestampS ?? nowS()), type: opts.stanzaType ?? 'text' };
    if (isPhone) {
      // Self-only protocol messages must come from our own PN with no recipient, or Baileys drops them.
      attrs.from = peer.pnJid;
      if (opts.recipient) attrs.recipient = opts.recipient;
    } else if (opts.addressing === 'lid') {
      attrs.from = peer.lidJid;
      attrs.sender_pn = peer.pnJid;
    } else {
      // sender_lid lets Baileys store the PN→LID mapping before decrypting (no usync round trip).
      attrs.from = peer.pnJid;
      attrs.sender_lid = peer.lidJid;
    }
    if (opts.pushName !== undefined) attrs.notify = opts.pushName;
    const corruptLeft = opts.corrupt === true ? 1 : typeof opts.corrupt === 'number' ? opts.corrupt : 0;
    let content: BinaryNode;
    if (opts.plaintext) {
      this.sim.stats.plaintextStanzas++;
      content = { tag: 'plaintext', attrs: {}, content: proto.Message.encode(message).finish() };
    } else {
      content = await this.#encryptFor(peer, device, message, corruptLeft > 0);
    }
    this.#outbox.set(id, { peer, message, attrs, corruptLeft: corruptLeft - 1 });
    this.sim.deliver(
      { tag: 'message', attrs, content: [content] },
      { dropConnectionAfterSend: opts.dropConnectionAfterSend === true, lostInTransit: opts.lostInTransit === true },
    );
    return id;
  }

  /** One `<enc>` from `peer` to the linked device (a session is started from an uploaded prekey if needed). */
  encryptToDevice(peer: Peer, message: proto.IMessage): Promise<BinaryNode> {
    const device = this.sim.device;
    if (!device) throw new Error('no linked device: pair a client first');
    return this.#encryptFor(peer, device, message, false);
  }

  async #encryptFor(peer: Peer, device: LinkedDevice, message: proto.IMessage, corrupt: boolean): Promise<BinaryNode> {
    const addr = this.sim.deviceAddress;
    if (peer.sessionGeneration !== device.generation || !(await peer.actor.hasSession(addr))) {
      await peer.actor.startSession(addr, takeDeviceBundle(device));
      peer.sessionGeneration = device.generation;
    }
    const enc = await peer.actor.encrypt(addr, message);
    return {
      tag: 'enc',
      attrs: { v: '2', type: enc.type },
      content: corrupt ? corrupted(enc.ciphertext) : Buffer.from(enc.ciphertext),
    };
  }

  /** The app sent a message: every peer it is encrypted to decrypts its copy. */
  async onClientMessage(conn: ServerConnection, node: BinaryNode): Promise<void> {
    const id = node.attrs.id ?? '';
    const to = node.attrs.to ?? '';
    conn.send({ tag: 'ack', attrs: { class: 'message', id, from: to, t: nowS() } });
    const targets: { jid: string; enc: BinaryNode }[] = [];
    for (const t of getBinaryNodeChildren(getBinaryNodeChild(node, 'participants'), 'to')) {
      for (const enc of getBinaryNodeChildren(t, 'enc')) targets.push({ jid: t.attrs.jid ?? '', enc });
    }
    for (const enc of getBinaryNodeChildren(node, 'enc')) targets.push({ jid: to, enc });
    const delivered = new Set<Contact>();
    const isGroup = to.endsWith('@g.us');
    // The app encrypts group messages under its LID device jid ('lid' groups) or its PN device jid.
    const author =
      node.attrs.addressing_mode === 'pn'
        ? `${this.sim.account.pn}:${this.sim.device?.id ?? 0}@s.whatsapp.net`
        : this.sim.deviceAddress;
    for (const { jid, enc } of targets) {
      const parsed = splitJid(jid);
      // Peers here are device 0; a copy for another companion (the app itself, in groups) is not theirs.
      const peer = parsed && parsed.device === 0 ? this.sim.peerByUser(parsed.user) : undefined;
      const type = enc.attrs.type;
      const ciphertext = buf(enc);
      if (!peer || !ciphertext || (type !== 'pkmsg' && type !== 'msg')) continue;
      try {
        if (peer.failDecryptions > 0) {
          peer.failDecryptions--;
          throw new Error('simulated damaged keys');
        }
        const message = await peer.actor.decrypt(this.sim.deviceAddress, type, ciphertext);
        if (message.senderKeyDistributionMessage) {
          await peer.actor.acceptSenderKey(message.senderKeyDistributionMessage, author);
        }
        // In a group stanza this is the app's sender key; the group message itself is the skmsg below.
        peer.deliver({ id, message, at: Date.now(), stanza: node });
        if (peer instanceof Contact && !isGroup) delivered.add(peer);
        if (peer === this.sim.phone) void this.sim.olderHistory.onPhoneMessage(message, node);
      } catch {
        this.decryptFailures++;
        this.sim.stats.peerDecryptFailures++;
        if (!isGroup) await this.#askAgain(peer, node);
      }
    }
    const skmsg = getBinaryNodeChildren(node, 'enc').find((e) => e.attrs.type === 'skmsg');
    const skBytes = buf(skmsg);
    if (isGroup && skBytes) {
      for (const member of await this.sim.groups.fanOut(node, skBytes)) delivered.add(member);
    }
    for (const contact of delivered) {
      // Group receipts come from the group with the member as participant.
      const group = isGroup ? this.sim.groups.get(to) : undefined;
      this.#scheduleReceipts(contact, id, to, group ? this.sim.groups.memberJid(group, contact) : undefined);
    }
  }

  /**
   * What a real device does with a message it cannot decrypt: a retry receipt, with a fresh key
   * bundle from the second one on, so the app re-encrypts (from a new session). The phone names the
   * chat (`recipient`), as the message is its own.
   */
  async #askAgain(peer: Peer, node: BinaryNode): Promise<void> {
    const id = node.attrs.id ?? '';
    const key = `${peer.pn}|${id}`;
    const count = (this.#retriesAsked.get(key) ?? 0) + 1;
    if (count > MAX_RETRY_RECEIPTS) return;
    this.#retriesAsked.set(key, count);
    const isPhone = peer === this.sim.phone;
    this.sim.stats.retryReceiptsSent++;
    this.sim.deliver(
      retryReceipt({
        from: peer.pnJid,
        ...(isPhone && node.attrs.to ? { recipient: node.attrs.to } : {}),
        id,
        t: node.attrs.t ?? nowS(),
        count,
        registrationId: peer.actor.creds.registrationId,
        ...(count > 1 ? { keys: await peer.actor.nextBundle() } : {}),
      }),
    );
  }

  #scheduleReceipts(contact: Contact, msgId: string, chatJid: string, participant?: string): void {
    const { delivery, read, delayMs } = contact.receipts;
    const send = (type: 'delivery' | 'read', after: number): void => {
      setTimeout(() => this.#sendReceipt(chatJid, [msgId], type, participant), after).unref();
    };
    if (delivery) send('delivery', delayMs);
    if (read) send('read', delayMs * (delivery ? 2 : 1));
  }

  sendReceipts(contact: Contact, msgIds: readonly string[], type: 'delivery' | 'read'): void {
    this.#sendReceipt(contact.pnJid, msgIds, type);
  }

  #sendReceipt(from: string, msgIds: readonly string[], type: 'delivery' | 'read', participant?: string): void {
    const [first, ...rest] = msgIds;
    if (!first) return;
    this.sim.deliver({
      tag: 'receipt',
      attrs: {
        from,
        id: first,
        t: nowS(),
        ...(participant ? { participant } : {}),
        ...(type === 'read' ? { type: 'read' } : {}),
      },
      ...(rest.length
        ? { content: [{ tag: 'list', attrs: {}, content: rest.map((id) => ({ tag: 'item', attrs: { id } })) }] }
        : {}),
    });
  }

  /** Re-encrypts the message a retry receipt names, from a new session if the client sent keys. */
  async onRetryReceipt(receipt: BinaryNode): Promise<boolean> {
    const id = receipt.attrs.id ?? '';
    const original = this.#outbox.get(id);
    if (!original || !this.sim.device) return false;
    const bundle = bundleFromRetryKeys(receipt);
    if (bundle) await original.peer.actor.startSession(this.sim.deviceAddress, bundle);
    const enc = await original.peer.actor.encrypt(this.sim.deviceAddress, original.message);
    const corrupt = original.corruptLeft > 0;
    original.corruptLeft--;
    const retryCount = getBinaryNodeChild(receipt, 'retry')?.attrs.count ?? '1';
    this.sim.mailbox.ack('message', id);
    this.sim.deliver({
      tag: 'message',
      attrs: { ...original.attrs, t: nowS() },
      content: [
        {
          tag: 'enc',
          attrs: { v: '2', type: enc.type, count: retryCount },
          content: corrupt ? corrupted(enc.ciphertext) : Buffer.from(enc.ciphertext),
        },
      ],
    });
    return true;
  }

  /** Receipts the app sends for peer messages (delivery/read); kept for `sim.observed.receiptsFor`. */
  onClientReceipt(_receipt: BinaryNode, _ids: readonly string[]): void {}
}
