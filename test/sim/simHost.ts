import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Curve } from '@whiskeysockets/baileys';
import type { KeyPair, proto } from '@whiskeysockets/baileys';
import { WebSocketServer } from 'ws';
import { buildCertChain, sharedCertAuthority } from './certs.js';
import type { CertAuthority, CertMode } from './certs.js';
import { PairingCodeFlow } from './pairingCode.js';
import { DEFAULT_QR_TIMINGS, QrRefs } from './qrRefs.js';
import type { QrTimings } from './qrRefs.js';
import { ServerConnection } from './serverConnection.js';
import { ServerQueries } from './serverQueries.js';
import { Simulator } from './simulator.js';
import type { SimHostLink, SimulatorOptions } from './simulatorOptions.js';

export type SimHostOptions = Readonly<{
  port?: number;
  host?: string;
  certMode?: CertMode;
  certAuthority?: CertAuthority;
  qr?: Partial<QrTimings>;
}>;

/** Per-account options; the host decides the port, keys and certificates. */
export type HostedAccountOptions = Omit<
  SimulatorOptions,
  'port' | 'host' | 'certMode' | 'certAuthority' | 'qr' | 'server'
>;

/**
 * One simulated WhatsApp server on one port for several accounts, routed as the real service does:
 * a login connection goes to the account named by its ClientPayload's username (the phone number);
 * a registration connection gets QR refs and belongs to whichever account's phone scans one of them
 * (or enters its pairing code). Each account is a full `Simulator` (phone, contacts, mailbox).
 *
 *   const host = await SimHost.start();
 *   const personal = await host.addAccount({ account: { pn: '15550001000' }, media: true });
 *   const work = await host.addAccount({ account: { pn: '15550002000', lid: '100000000000002' } });
 *   // every companion connects to host.wsUrl; pair each with its own phone:
 *   await work.phone.scanQR(qrShownByTheSecondCompanion);
 *   await host.stop();
 */
export class SimHost {
  readonly trustRoot: Uint8Array;
  certMode: CertMode;
  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #ca: CertAuthority;
  readonly #static: KeyPair = Curve.generateKeyPair();
  readonly #accounts: Simulator[] = [];
  /** Every open connection and the account serving it (none before its payload routed it). */
  readonly #connections = new Map<number, { conn: ServerConnection; account: Simulator | undefined }>();
  readonly #link: SimHostLink;
  #nextConnId = 1;
  /** Connections whose payload named no hosted account, and protocol errors before routing. */
  readonly stats = { unroutedConnections: 0, protocolErrors: 0 };

  private constructor(http: Server, opts: SimHostOptions) {
    this.#http = http;
    this.#ca = opts.certAuthority ?? sharedCertAuthority();
    this.trustRoot = this.#ca.root.public;
    this.certMode = opts.certMode ?? 'valid';
    this.#link = {
      port: () => this.port,
      staticKeys: this.#static,
      refs: new QrRefs({ ...DEFAULT_QR_TIMINGS, ...opts.qr }),
      queries: new ServerQueries(),
      pairingCode: new PairingCodeFlow(),
      claim: (connId, account) => this.#bind(connId, account),
    };
    this.#wss = new WebSocketServer({ server: http, path: '/ws/chat', maxPayload: 32 * 1024 * 1024 });
    this.#wss.on('connection', (ws) => {
      const id = this.#nextConnId++;
      const chain = buildCertChain(this.#ca, this.#static.public, this.certMode);
      const conn = new ServerConnection(id, ws, this.#static, chain, {
        onPayload: (c, payload) => this.#route(c, payload),
        onNode: (c, node) => this.#accountOf(c)?.connectionHandlers.onNode(c, node),
        onSent: (c, node) => this.#accountOf(c)?.connectionHandlers.onSent(c, node),
        onClose: (c) => {
          this.#accountOf(c)?.connectionHandlers.onClose(c);
          this.#connections.delete(c.id);
        },
        onProtocolError: (c, err) => {
          const account = this.#accountOf(c);
          if (account) account.connectionHandlers.onProtocolError(c, err);
          else this.stats.protocolErrors++;
        },
      });
      this.#connections.set(id, { conn, account: undefined });
    });
  }

  static async start(opts: SimHostOptions = {}): Promise<SimHost> {
    const http = createServer((_req, res) => {
      res.writeHead(404).end();
    });
    const host = new SimHost(http, opts);
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
    });
    return host;
  }

  /** Adds an account (its own phone number) served on this host's port. */
  async addAccount(opts: HostedAccountOptions = {}): Promise<Simulator> {
    const pn = opts.account?.pn;
    if (pn && this.#accounts.some((account) => account.account.pn === pn)) {
      throw new Error(`an account with number ${pn} is already hosted`);
    }
    const account = await Simulator.start({ ...opts, certAuthority: this.#ca, server: this.#link });
    this.#accounts.push(account);
    return account;
  }

  get accounts(): readonly Simulator[] {
    return this.#accounts;
  }

  /** The hosted account with this phone number (E.164 digits). */
  account(pn: string): Simulator {
    const found = this.#accounts.find((account) => account.account.pn === pn);
    if (!found) throw new Error(`no hosted account ${pn}`);
    return found;
  }

  get port(): number {
    return (this.#http.address() as AddressInfo).port;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws/chat`;
  }

  async stop(): Promise<void> {
    for (const { conn } of this.#connections.values()) conn.terminate();
    // Later accounts may share the first one's CDN; the first closes it, so it stops last.
    for (const account of [...this.#accounts].reverse()) await account.stop();
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  #accountOf(conn: ServerConnection): Simulator | undefined {
    return this.#connections.get(conn.id)?.account;
  }

  #route(conn: ServerConnection, payload: proto.ClientPayload): void {
    // A registration connection is not anyone's yet. The first account hands out its QR refs (they
    // come from the host's shared registry) until a phone claims it by scanning one.
    const account = payload.devicePairingData
      ? this.#accounts[0]
      : this.#accounts.find((candidate) => candidate.account.pn === String(payload.username ?? ''));
    if (!account) {
      this.stats.unroutedConnections++;
      conn.send({ tag: 'failure', attrs: { reason: '401', location: 'sim' } });
      conn.close();
      return;
    }
    this.#bind(conn.id, account);
    account.connectionHandlers.onPayload(conn, payload);
  }

  #bind(connId: number, account: Simulator): ServerConnection | undefined {
    const entry = this.#connections.get(connId);
    if (!entry) return undefined;
    if (entry.account !== account) {
      entry.account?.detachConnection(connId);
      account.attachConnection(entry.conn);
      entry.account = account;
    }
    return entry.conn;
  }
}
