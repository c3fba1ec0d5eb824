import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Curve,
  generateMessageID,
  getBinaryNodeChild,
  getBinaryNodeChildren,
  S_WHATSAPP_NET,
} from '@whiskeysockets/baileys';
import type { BinaryNode, KeyPair, proto } from '@whiskeysockets/baileys';
import { WebSocketServer } from 'ws';
import { buildCertChain, sharedCertAuthority } from './certs.js';
import type { CertAuthority, CertMode } from './certs.js';
import { Contact } from './contact.js';
import type { ContactInit } from './contact.js';
import { Faults } from './faults.js';
import type { ServerErrorReceiptHandler, SimHostLink, SimStats, SimulatorOptions } from './simulatorOptions.js';

import { answerIq } from './iqHandlers.js';
import type { IqWorld } from './iqHandlers.js';
import { Mailbox } from './mailbox.js';
import { Observed } from './observed.js';
import type { IqRecord } from './observed.js';
import { PeerMessaging } from './peerMessaging.js';
import type { Peer } from './peer.js';
import { Phone } from './phone.js';
import type { PairingResult, ScanOptions } from './phone.js';
import { QRError } from './pairing.js';
import { completePairing, pairByQR } from './pairingFlow.js';
import type { PairingContext } from './pairingFlow.js';
import { PairingCodeFlow } from './pairingCode.js';
import { defaultMediaRetryFailure } from './defaultMediaRetry.js';
import { ServerQueries } from './serverQueries.js';
import { DEFAULT_QR_TIMINGS, QrRefs } from './qrRefs.js';
import { ServerConnection } from './serverConnection.js';
import type { ConnectionHandlers } from './serverConnection.js';
import {
  buildHistorySync,
  historySyncMessage,
  inlineHistoryNotification,
  uploadHistoryChunk,
} from './history/index.js';
import type { HistorySyncInput } from './history/index.js';
import { SimMedia } from './simMedia.js';
import { AppStateServer } from './appState/index.js';
import { PhoneUser } from './phoneUser.js';
import { SimGroups } from './groups/index.js';
import { OnDemandHistory } from './onDemandHistory.js';
import { SimPolls } from './simPolls.js';
import type { Account, LinkedDevice } from './world.js';
import { lidJid, pnJid, takeDeviceBundle } from './world.js';

export type { ServerErrorReceiptHandler, SimStats, SimulatorOptions };

const TRANSIENT_NACKS = new Set(['500', '552']);
/**
 * A loopback WhatsApp server that the real Baileys socket connects to (`waWebSocketUrl: sim.wsUrl`).
 *
 *   const sim = await Simulator.start();
 *   const ana = sim.addContact({ pushName: 'Ana' });
 *   // connect Baileys, read the QR from connection.update, then:
 *   await sim.phone.scanQR(qr);
 *   await ana.send({ kind: 'text', text: 'hi' });
 *   await sim.stop();
 */
export class Simulator {
  readonly observed = new Observed();
  readonly stats: SimStats = {
    plaintextStanzas: 0,
    retryReceiptsAnswered: 0,
    retryReceiptsSent: 0,
    protocolErrors: 0,
    connections: 0,
    peerDecryptFailures: 0,
  };
  readonly account: Account;
  readonly phone: Phone;
  readonly faults: Faults;
  readonly contacts = new Map<string, Contact>();
  readonly mailbox = new Mailbox();
  /** The Noise certificate root; an app's test hook trusts it (WA_CERT_DETAILS.PUBLIC_KEY). */
  readonly trustRoot: Uint8Array;
  certMode: CertMode;
  /** Present when started with `media`; see SimMedia. */
  media: SimMedia | undefined;
  /** The account's app state (collections, keys the phone shares); see appState/. */
  readonly appState: AppStateServer = new AppStateServer(() => this.media?.cdn);
  /** The phone acting as the user: messages, reads, edits, archive/pin/mute… done on the phone. */
  readonly phoneUser: PhoneUser;
  /** Groups the account is in (w:g2 metadata, sender keys, participant changes). */
  readonly groups: SimGroups;
  /** Older messages per chat the phone hands out on `fetchMessageHistory` (ON_DEMAND history). */
  readonly olderHistory: OnDemandHistory;
  /** Polls and votes (encrypted with the poll's messageSecret). */
  readonly polls: SimPolls;

  readonly #ca: CertAuthority;
  readonly #static: KeyPair;
  /** Own listener, or none when a SimHost serves this account on its shared port. */
  readonly #http: Server | undefined;
  readonly #wss: WebSocketServer | undefined;
  readonly #host: SimHostLink | undefined;
  readonly #refs: QrRefs;
  readonly #connections = new Map<number, ServerConnection>();
  readonly #serverQueries: ServerQueries;
  readonly #pairingCode: PairingCodeFlow;
  readonly #messaging: PeerMessaging;
  readonly #opts: SimulatorOptions;
  #device: LinkedDevice | undefined;
  #active: ServerConnection | undefined;
  #nextConnId = 1;
  #nextDeviceId = 1;
  #generation = 0;
  #nextContact = 1;
  #serverErrorHandler: ServerErrorReceiptHandler | undefined;

  private constructor(http: Server | undefined, opts: SimulatorOptions) {
    this.#opts = opts;
    this.#http = http;
    this.#host = opts.server;
    this.certMode = opts.certMode ?? 'valid';
    this.#ca = opts.certAuthority ?? sharedCertAuthority();
    this.trustRoot = this.#ca.root.public;
    // On a shared port, QR refs, pending server queries and pairing codes are the server's, not
    // one account's: a registration connection belongs to whichever phone claims it.
    this.#static = opts.server?.staticKeys ?? Curve.generateKeyPair();
    this.#refs = opts.server?.refs ?? new QrRefs({ ...DEFAULT_QR_TIMINGS, ...opts.qr });
    this.#serverQueries = opts.server?.queries ?? new ServerQueries();
    this.#pairingCode = opts.server?.pairingCode ?? new PairingCodeFlow();
    this.account = {
      pn: opts.account?.pn ?? '15550001000',
      lid: opts.account?.lid ?? '100000000000001',
      pushName: opts.account?.pushName,
    };
    this.phone = new Phone(
      {
        scanQR: (qr, o) => this.#scanQR(qr, o),
        enterPairingCode: (code) => this.#enterPairingCode(code),
        sendFromPeer: (p, m, o) => this.#messaging.sendFromPeer(p, m, o),
      },
      this.account.pn,
      this.account.lid,
    );
    this.#messaging = new PeerMessaging(this);
    this.faults = new Faults(this);
    this.phoneUser = new PhoneUser(this);
    this.groups = new SimGroups(this);
    this.olderHistory = new OnDemandHistory(this);
    this.polls = new SimPolls(this);
    this.connectionHandlers = {
      onPayload: (c, p) => this.#onPayload(c, p),
      onNode: (c, n) => this.#onNode(c, n),
      onSent: (c, n) => this.observed.record('out', c.id, n),
      onClose: (c) => this.#onClose(c),
      onProtocolError: () => {
        this.stats.protocolErrors++;
      },
    };
    if (!http) {
      this.#wss = undefined;
      return;
    }
    this.#wss = new WebSocketServer({ server: http, path: '/ws/chat', maxPayload: 32 * 1024 * 1024 });
    this.#wss.on('connection', (ws) => {
      const chain = buildCertChain(this.#ca, this.#static.public, this.certMode);
      this.attachConnection(new ServerConnection(this.#nextConnId++, ws, this.#static, chain, this.connectionHandlers));
    });
  }

  /** What this account does with a connection's payload, nodes and close (a SimHost forwards to it). */
  readonly connectionHandlers: ConnectionHandlers;

  /** Serves `conn` as this account's (SimHost: after routing it here). */
  attachConnection(conn: ServerConnection): void {
    this.stats.connections++;
    this.#connections.set(conn.id, conn);
  }

  /** Hands `connId` over to another account without closing it (SimHost, when another phone claims it). */
  detachConnection(connId: number): void {
    this.#connections.delete(connId);
  }

  static async start(opts: SimulatorOptions = {}): Promise<Simulator> {
    const http = opts.server
      ? undefined
      : createServer((_req, res) => {
          res.writeHead(404).end();
        });
    const sim = new Simulator(http, opts);
    if (opts.media) {
      sim.media = await SimMedia.create(opts.media === true ? undefined : opts.media);
      const media = sim.media;
      sim.onServerErrorReceipt((receipt) => media.answerServerError(receipt));
    }
    if (http) {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
      });
    }
    return sim;
  }

  get port(): number {
    return this.#host ? this.#host.port() : (this.#http?.address() as AddressInfo).port;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws/chat`;
  }

  get serverStaticPublic(): Uint8Array {
    return this.#static.public;
  }

  get device(): LinkedDevice | undefined {
    return this.#device;
  }

  /** The connection that completed login and is being served, if any. */
  get activeConnection(): ServerConnection | undefined {
    return this.#active && !this.#active.isClosed ? this.#active : undefined;
  }

  get accountJid(): string {
    return pnJid(this.account.pn);
  }

  /** The Signal address every peer uses for the linked device. */
  get deviceAddress(): string {
    if (!this.#device) throw new Error('no linked device: pair first');
    return lidJid(this.account.lid, this.#device.id);
  }

  async stop(): Promise<void> {
    for (const conn of this.#connections.values()) conn.terminate();
    const wss = this.#wss;
    const http = this.#http;
    if (wss && http) {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
    await this.media?.close();
  }

  addContact(init: Partial<ContactInit> = {}): Contact {
    const n = this.#nextContact++;
    const contact = new Contact(
      {
        accountJid: this.accountJid,
        sendFromPeer: (p, m, o) => this.#messaging.sendFromPeer(p, m, o),
        sendReceipts: (c, ids, type) => this.#messaging.sendReceipts(c, ids, type),
      },
      {
        pn: init.pn ?? `1555000${String(2000 + n)}`,
        lid: init.lid ?? `${900000000000 + n}`,
        ...(init.pushName !== undefined ? { pushName: init.pushName } : {}),
        ...(init.receipts ? { receipts: init.receipts } : {}),
      },
    );
    this.contacts.set(contact.pn, contact);
    return contact;
  }

  /** A contact by PN, LID or push name. */
  contact(key: string): Contact {
    const found =
      this.contacts.get(key) ?? [...this.contacts.values()].find((c) => c.lid === key || c.pushName === key);
    if (!found) throw new Error(`unknown contact ${key}`);
    return found;
  }

  /** Resolves a PN or LID user part to the phone or a contact. */
  peerByUser(user: string): Peer | undefined {
    if (user === this.account.pn || user === this.account.lid) return this.phone;
    return this.contacts.get(user) ?? [...this.contacts.values()].find((c) => c.lid === user);
  }

  /** Media re-upload requests go here; without a handler the sim answers "not found" (code 2). */
  onServerErrorReceipt(handler: ServerErrorReceiptHandler | undefined): void {
    this.#serverErrorHandler = handler;
  }

  /**
   * Queues a stanza for the linked device. It goes out now if the device is online, and again on every
   * login until the client acknowledges it.
   */
  deliver(node: BinaryNode, opts: Readonly<{ dropConnectionAfterSend?: boolean; lostInTransit?: boolean }> = {}): void {
    this.mailbox.add(node);
    const conn = this.activeConnection;
    if (!conn?.isOpen) return;
    if (opts.lostInTransit) {
      this.mailbox.markDelivered(node);
      conn.terminate();
      return;
    }
    conn.send(node);
    this.mailbox.markDelivered(node);
    if (opts.dropConnectionAfterSend) conn.terminate();
  }

  /** PreKeyLow: tells the client few of its prekeys are left; Baileys uploads more. */
  notifyPreKeyLow(count = 2): string {
    const id = generateMessageID();
    this.deliver({
      tag: 'notification',
      attrs: { from: S_WHATSAPP_NET, type: 'encrypt', id, t: String(Math.floor(Date.now() / 1000)) },
      content: [{ tag: 'count', attrs: { value: String(count) } }],
    });
    return id;
  }

  /** Encrypts a message from a peer to the linked device (used by the group and phone helpers). */
  sendFromPeer(
    peer: Peer,
    message: proto.IMessage,
    opts: Parameters<PeerMessaging['sendFromPeer']>[2],
  ): Promise<string> {
    return this.#messaging.sendFromPeer(peer, message, opts);
  }

  /** One `<enc>` node from a peer to the linked device (group SKDMs, custom stanzas). */
  encryptToDevice(peer: Peer, message: proto.IMessage): Promise<BinaryNode> {
    return this.#messaging.encryptToDevice(peer, message);
  }

  /** Sends a node right now to the active connection without queueing (faults, iq). */
  sendNow(node: BinaryNode): void {
    this.activeConnection?.send(node);
  }

  /** Forgets the linked device (device removed / logged out). */
  removeDevice(): void {
    this.#device = undefined;
    this.mailbox.clear();
  }

  #iqWorld(): IqWorld {
    return {
      account: this.account,
      device: () => this.#device,
      participant: (user) => {
        const peer = this.peerByUser(user);
        return peer ? { pn: peer.pn, lid: peer.lid, devices: [0] } : undefined;
      },
      bundleFor: async (user, device) => {
        const peer = this.peerByUser(user);
        // Baileys' LID usync for a group send lists its own companion too; the server answers with
        // the bundle from the prekeys the companion uploaded.
        if (peer === this.phone && device !== 0)
          return this.#device?.id === device ? takeDeviceBundle(this.#device) : undefined;
        return peer && device === 0 ? peer.actor.nextBundle() : undefined;
      },
      onLogout: () => {
        this.removeDevice();
      },
      mediaHost: this.#opts.mediaHost ?? 'mmg.whatsapp.net',
      ...(this.media ? { mediaConn: this.media.mediaConnNode } : {}),
      appSync: (sync) => this.appState.answerSync(sync),
      groups: (iq) => this.groups.answerQuery(iq),
    };
  }

  #onPayload(conn: ServerConnection, payload: proto.ClientPayload): void {
    if (payload.devicePairingData) {
      const refs = this.#refs.issue(conn.id);
      conn.send({
        tag: 'iq',
        attrs: { from: S_WHATSAPP_NET, type: 'set', id: generateMessageID(), xmlns: 'md' },
        content: [
          {
            tag: 'pair-device',
            attrs: {},
            content: refs.map((ref) => ({ tag: 'ref', attrs: {}, content: Buffer.from(ref) })),
          },
        ],
      });
      return;
    }
    const device = this.#device;
    const matches =
      device !== undefined &&
      String(payload.username ?? '') === this.account.pn &&
      Number(payload.device ?? 0) === device.id &&
      conn.clientStaticPublic !== undefined &&
      conn.clientStaticPublic.equals(device.noisePublic);
    if (!matches || !device) {
      // Unknown device, removed device, or a noise key that is not the paired one.
      conn.send({ tag: 'failure', attrs: { reason: '401', location: 'sim' } });
      conn.close();
      return;
    }
    const previous = this.activeConnection;
    if (previous && previous !== conn) {
      previous.send({ tag: 'stream:error', attrs: {}, content: [{ tag: 'conflict', attrs: { type: 'replaced' } }] });
      previous.close();
    }
    this.#active = conn;
    conn.send({
      tag: 'success',
      attrs: {
        t: String(Math.floor(Date.now() / 1000)),
        lid: lidJid(this.account.lid, device.id),
        props: '1',
        creation: String(Math.floor(Date.now() / 1000)),
        location: 'sim',
      },
    });
  }

  /** After `passive active`: redeliver everything unacknowledged (offline="1"), then <ib><offline/>. */
  #flushOffline(conn: ServerConnection): void {
    const pending = this.mailbox.pending();
    for (const node of pending) {
      conn.send({ ...node, attrs: { ...node.attrs, offline: '1' } });
      this.mailbox.markDelivered(node);
    }
    conn.send({
      tag: 'ib',
      attrs: { from: S_WHATSAPP_NET },
      content: [{ tag: 'offline', attrs: { count: String(pending.length) } }],
    });
    conn.isOpen = true;
    const device = this.#device;
    const initial = this.#opts.initialHistory ?? { syncType: 'INITIAL_BOOTSTRAP', progress: 100 };
    if (device && !device.initialHistorySent && initial !== false) {
      device.initialHistorySent = true;
      const chunks: readonly HistorySyncInput[] = Array.isArray(initial) ? initial : [initial as HistorySyncInput];
      const shareKeys = this.#opts.appState === true;
      void (async () => {
        // A real phone shares the app-state keys before the history, so the sync that the first
        // history chunk triggers can decode the collections at once.
        if (shareKeys) await this.phone.sendProtocolMessageToDevice(this.appState.keys.shareMessage());
        for (const chunk of chunks) await this.sendHistoryInline(chunk);
      })();
    }
  }

  /** The phone uploads one encrypted history chunk to the media CDN and sends its notification. */
  async sendHistoryViaCdn(input: HistorySyncInput): Promise<Readonly<{ id: string; directPath: string }>> {
    if (!this.media) throw new Error('history via CDN needs the simulator started with media');
    const { notification, directPath } = await uploadHistoryChunk(this.media.cdn, buildHistorySync(input));
    return { id: await this.phone.sendProtocolMessageToDevice(historySyncMessage(notification)), directPath };
  }

  /** The phone sends one history chunk inline (deflated inside the notification; no CDN involved). */
  sendHistoryInline(
    input: HistorySyncInput,
    extras: Readonly<{ peerDataRequestSessionId?: string }> = {},
  ): Promise<string> {
    return this.phone.sendProtocolMessageToDevice(
      historySyncMessage(inlineHistoryNotification(buildHistorySync(input), extras)),
    );
  }

  #onNode(conn: ServerConnection, node: BinaryNode): void {
    this.observed.record('in', conn.id, node);
    switch (node.tag) {
      case 'iq':
        void this.#onIq(conn, node);
        return;
      case 'receipt':
        this.#onReceipt(conn, node);
        return;
      case 'ack': {
        const id = node.attrs.id ?? '';
        // A nack for a transient client failure (500 unhandled error, 552 DB operation failed) leaves
        // the stanza queued, so it goes out again on the next connection; other nacks are final.
        if (TRANSIENT_NACKS.has(node.attrs.error ?? '')) return;
        if (this.mailbox.ack(node.attrs.class ?? '', id)) this.observed.markAcked(id);
        return;
      }
      case 'message':
        void this.#messaging.onClientMessage(conn, node);
        return;
      default:
        // presence, chatstate, ib (unified_session), call…: nothing the client waits for.
        return;
    }
  }

  async #onIq(conn: ServerConnection, node: BinaryNode): Promise<void> {
    const { type = '', id = '', xmlns = '' } = node.attrs;
    if (type === 'result' || type === 'error') {
      this.#serverQueries.settle(node);
      return;
    }
    const first = Array.isArray(node.content) ? node.content[0] : undefined;
    const record: IqRecord = {
      connId: conn.id,
      id,
      xmlns,
      type,
      child: first?.tag ?? '',
      at: Date.now(),
      answered: false,
      handled: true,
    };
    this.observed.iqs.push(record);
    if (xmlns === 'w:p' && this.faults.pingsSilenced) return;
    if (xmlns === 'md' && record.child === 'link_code_companion_reg') {
      conn.send(this.#pairingCode.onIq(conn, node));
      record.answered = true;
      return;
    }
    if (this.faults.iqDelayMs > 0) await new Promise((r) => setTimeout(r, this.faults.iqDelayMs));
    const { reply, handled } = await answerIq(node, this.#iqWorld());
    record.handled = handled;
    if (conn.isClosed) return;
    conn.send(reply);
    record.answered = true;
    if (xmlns === 'passive' && record.child === 'active') this.#flushOffline(conn);
  }

  #onReceipt(conn: ServerConnection, node: BinaryNode): void {
    const type = node.attrs.type ?? '';
    const ids = [
      node.attrs.id ?? '',
      ...getBinaryNodeChildren(getBinaryNodeChild(node, 'list'), 'item').map((i) => i.attrs.id ?? ''),
    ];
    conn.send({
      tag: 'ack',
      attrs: { id: node.attrs.id ?? '', class: 'receipt', from: S_WHATSAPP_NET, ...(type ? { type } : {}) },
    });
    if (type === 'retry') {
      void this.#messaging.onRetryReceipt(node).then((ok) => {
        if (ok) this.stats.retryReceiptsAnswered++;
      });
      return;
    }
    if (type === 'server-error') {
      void this.#onServerError(node);
      return;
    }
    // Any other receipt for a stanza we delivered (delivery, inactive, read, sender, hist_sync…) acks it.
    for (const id of ids) if (this.mailbox.ack('message', id)) this.observed.markAcked(id);
    this.#messaging.onClientReceipt(node, ids);
  }

  async #onServerError(receipt: BinaryNode): Promise<void> {
    const ctx = { account: this.account, ownPnJid: this.accountJid };
    const handler = this.#serverErrorHandler;
    const reply = handler ? await handler(receipt, ctx) : defaultMediaRetryFailure(receipt, this.accountJid);
    if (reply) this.deliver(reply);
  }

  #onClose(conn: ServerConnection): void {
    this.#connections.delete(conn.id);
    this.#serverQueries.failFor(conn.id, new QRError('the client closed the connection before answering'));
    this.#refs.revokeFor(conn.id);
    if (this.#active === conn) this.#active = undefined;
  }

  async #enterPairingCode(code: string): Promise<PairingResult> {
    const ctx = this.#pairingContext();
    const { conn, companion } = await this.#pairingCode.enterCode(
      code,
      this.account.pn,
      ctx.phoneIdentity,
      ctx.replyTimeoutMs,
    );
    // On a shared port the code's connection becomes this account's now that its phone entered it.
    this.#host?.claim(conn.id, this);
    const { result, device } = await completePairing(ctx, conn, companion, {});
    this.#refs.revokeFor(conn.id);
    this.mailbox.clear();
    this.#device = device;
    return result;
  }

  async #scanQR(qr: string, opts: ScanOptions): Promise<PairingResult> {
    const { result, device } = await pairByQR(this.#pairingContext(), qr, opts);
    this.mailbox.clear();
    this.#device = device;
    return result;
  }

  #pairingContext(): PairingContext {
    return {
      account: this.account,
      refs: this.#refs,
      phoneIdentity: this.phone.accountIdentity,
      // On a shared port, scanning binds the registration connection to this phone's account.
      connection: (id) => (this.#host ? this.#host.claim(id, this) : this.#connections.get(id)),
      query: (conn, node, timeoutMs) => this.#serverQueries.query(conn, node, timeoutMs),
      nextDeviceId: () => this.#nextDeviceId++,
      nextGeneration: () => ++this.#generation,
      ...(this.#opts.bizName ? { bizName: this.#opts.bizName } : {}),
      replyTimeoutMs: this.#opts.pairingReplyTimeoutMs ?? 10_000,
    };
  }
}
