import type { WASocket } from '@whiskeysockets/baileys';
import { jidNormalizedUser } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { AccountId } from '../../../shared/src/index.js';
import type { DisconnectInfo } from '../session/reconnectPolicy.js';
import type { AccountStore } from '../store/index.js';
import { drop } from '../util/drop.js';
import type { TransportOverrides } from './connectSocket.js';
import { connectSocket, requestOptionsOf } from './connectSocket.js';
import { disconnectInfoOf } from './disconnectInfoOf.js';
import { EventIngest } from './EventIngest.js';
import { HistorySyncIngest } from './HistorySyncIngest.js';
import type { IngestSink } from './ingestTypes.js';
import { decodeRaw, domainTargetOf } from './messageKeys.js';
import type { NormalizeContext } from './normalize/index.js';
import { normalizeContextOf } from './normalizeContextOf.js';
import type { SqliteAuthState } from './sqliteAuthState.js';
import { makeSqliteAuthState } from './sqliteAuthState.js';

// Baileys: the first QR ref lives 60 s, every later one 20 s, unless `qrTimeout` sets both (socket.js).
const FIRST_QR_TTL_MS = 60_000;
const LATER_QR_TTL_MS = 20_000;
const END_WAIT_MS = 3_000;
// WhatsApp hands a new socket 6 QR refs and closes it with 408 when the last runs out; a pairing
// code typed on the phone is only accepted on that same socket.
const QR_REFS_PER_SOCKET = 6;

/** A pairing code was asked for while the socket was not waiting to be paired. */
export class PairingUnavailableError extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'PairingUnavailableError';
  }
}

export type WaConnectionUpdate =
  | Readonly<{ kind: 'connecting' }>
  | Readonly<{ kind: 'qr'; qr: string; expiresAt: number }>
  | Readonly<{ kind: 'open' }>
  | Readonly<{ kind: 'closed'; info: DisconnectInfo; isIntentional: boolean }>;

export type SelfInfo = Readonly<{ phoneNumber: string | null; pushName: string | null; isRegistered: boolean }>;

export type WaConnectionDeps = Readonly<{
  accountId: AccountId;
  store: AccountStore;
  log: Logger;
  overrides: TransportOverrides;
  sink: IngestSink;
  onUpdate: (update: WaConnectionUpdate) => void;
  isSentByThisDevice: (waId: string) => boolean;
  now: () => number;
}>;

/**
 * The one Baileys socket of an account. Usage: `connect()` (refused while a socket exists, so there
 * is never a second one), lifecycle arrives through `onUpdate`; the owner decides about reconnects.
 * Baileys types stay in this folder: `WaCommands` and `MediaFetcher` use `socket()`.
 */
export class WaConnection {
  readonly #deps: WaConnectionDeps;
  readonly #history: HistorySyncIngest;
  readonly #ingest: EventIngest;
  #auth: SqliteAuthState;
  #sock: WASocket | undefined;
  #isOpen = false;
  /** When the live socket's pairing window (all its QR refs) ends; undefined unless it shows QRs. */
  #pairingEndsAt: number | undefined;
  readonly #intentional = new WeakSet<WASocket>();
  readonly #closeWaiters = new Map<WASocket, () => void>();

  constructor(deps: WaConnectionDeps) {
    this.#deps = deps;
    this.#auth = makeSqliteAuthState(deps.store);
    const context = (): NormalizeContext => this.context();
    this.#history = new HistorySyncIngest({
      store: deps.store,
      sink: deps.sink,
      context,
      requestOptions: requestOptionsOf(deps.overrides),
      log: deps.log,
      now: deps.now,
    });
    this.#ingest = new EventIngest({
      store: deps.store,
      sink: deps.sink,
      context,
      log: deps.log,
      journalHistory: this.#history.journal,
      replayHistory: () =>
        drop(this.#history.replayPending(), (err) => deps.log.warn({ err }, 'journaled history replay failed')),
    });
  }

  get isOpen(): boolean {
    return this.#isOpen && this.#sock !== undefined;
  }

  get hasSocket(): boolean {
    return this.#sock !== undefined;
  }

  self(): SelfInfo {
    const me = this.#auth.state.creds.me;
    const digits = me?.id ? (jidNormalizedUser(me.id).split('@')[0] ?? null) : null;
    return { phoneNumber: digits, pushName: me?.name ?? null, isRegistered: me?.id !== undefined };
  }

  context(): NormalizeContext {
    return normalizeContextOf(
      this.#deps.accountId,
      this.#auth.state.creds,
      this.#deps.store,
      this.#deps.isSentByThisDevice,
    );
  }

  /** The live socket, for sibling adapters in this folder; undefined while disconnected. */
  socket(): WASocket | undefined {
    return this.#isOpen ? this.#sock : undefined;
  }

  /** Starts a socket unless one is open or connecting; returns whether it did. */
  connect(): boolean {
    if (this.#sock !== undefined) return false;
    const sock = connectSocket({
      auth: this.#auth.state,
      log: this.#deps.log,
      overrides: this.#deps.overrides,
      beforeReceipt: this.#ingest.beforeReceipt,
      storedAs: this.#ingest.storedAs,
      historySyncHandler: this.#history.handle,
      getMessage: (key) => {
        const target = domainTargetOf(key, this.context());
        const raw = target ? this.#deps.store.getRawMessage(target.chatId, target.messageId) : undefined;
        return Promise.resolve(decodeRaw(raw)?.message ?? undefined);
      },
    });
    this.#sock = sock;
    this.#isOpen = false;
    let qrCount = 0;
    sock.ev.on('creds.update', (update) => {
      Object.assign(this.#auth.state.creds, update);
      this.#auth.saveCreds();
    });
    this.#ingest.attach(sock);
    sock.ev.on('connection.update', (update) => {
      if (update.qr) {
        const isFirst = qrCount++ === 0;
        const ttl = this.#deps.overrides.qrTimeoutMs ?? (isFirst ? FIRST_QR_TTL_MS : LATER_QR_TTL_MS);
        if (isFirst && this.#sock === sock) this.#pairingEndsAt = this.#deps.now() + this.#pairingWindowMs();
        this.#deps.onUpdate({ kind: 'qr', qr: update.qr, expiresAt: this.#deps.now() + ttl });
      }
      if (update.connection === 'open' && this.#sock === sock) {
        this.#isOpen = true;
        this.#pairingEndsAt = undefined;
        this.#deps.onUpdate({ kind: 'open' });
      }
      if (update.connection === 'close') this.#onClose(sock, update.lastDisconnect?.error);
    });
    this.#deps.onUpdate({ kind: 'connecting' });
    return true;
  }

  /**
   * Asks WhatsApp for the 8-character code the user types on the phone instead of scanning the QR
   * (`phoneDigits`: E.164 without the plus). Only a socket that is showing QR codes can be paired.
   */
  async requestPairingCode(phoneDigits: string): Promise<Readonly<{ code: string; expiresAt: number }>> {
    const sock = this.#sock;
    const expiresAt = this.#pairingEndsAt;
    if (sock === undefined || expiresAt === undefined || this.#isOpen) {
      throw new PairingUnavailableError('the account is not waiting to be linked');
    }
    if (expiresAt <= this.#deps.now()) throw new PairingUnavailableError('the linking window ended');
    const code = await sock.requestPairingCode(phoneDigits);
    return { code, expiresAt };
  }

  /** Closes the socket on purpose (no reconnect) and waits until Baileys reported the close. */
  async end(): Promise<void> {
    const sock = this.#sock;
    if (sock === undefined) return;
    this.#intentional.add(sock);
    const closed = this.#closedOrTimedOut(sock);
    drop(sock.end(undefined), (err) => this.#deps.log.warn({ err }, 'socket end failed'));
    await closed;
    if (this.#sock === sock) this.#detach();
  }

  /** Tells WhatsApp to remove this companion device; the socket closes with 401. */
  async logout(): Promise<void> {
    const sock = this.#sock;
    if (sock === undefined) return;
    this.#intentional.add(sock);
    const closed = this.#closedOrTimedOut(sock);
    await sock.logout();
    await closed;
    if (this.#sock === sock) this.#detach();
  }

  /** Resolves when Baileys reports the socket closed, or after END_WAIT_MS; leaves no timer behind. */
  #closedOrTimedOut(sock: WASocket): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, END_WAIT_MS);
      timer.unref();
      this.#closeWaiters.set(sock, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Forgets creds and Signal keys (NOT the archive) and starts over with fresh, unpaired creds. */
  resetCredentials(): void {
    if (this.#sock !== undefined) throw new Error('resetCredentials while a socket exists');
    this.#deps.store.clearCredentials();
    this.#auth = makeSqliteAuthState(this.#deps.store);
  }

  replayHistory(): Promise<number> {
    return this.#history.replayPending();
  }

  /** Listeners on the live socket's emitter (diagnostics; tests check nothing leaks). */
  listenerCount(event: string): number {
    const sock = this.#sock;
    if (sock === undefined) return 0;
    // Baileys' ev.on returns the inner EventEmitter, the only way to reach its listenerCount.
    const probe = (): void => {};
    const inner = sock.ev.on('call', probe) as unknown as { listenerCount?: (e: string) => number };
    sock.ev.off('call', probe);
    return inner.listenerCount?.(event) ?? 0;
  }

  #onClose(sock: WASocket, error: Error | undefined): void {
    const isIntentional = this.#intentional.has(sock);
    this.#closeWaiters.get(sock)?.();
    this.#closeWaiters.delete(sock);
    if (this.#sock !== sock) return;
    // "Awaiting pairing" means codes were shown on this socket and ran out. A 408 before the first QR
    // (a connect timeout on a slow network) is an ordinary transient failure and is retried.
    const wasShowingCodes = this.#pairingEndsAt !== undefined;
    this.#detach();
    this.#forgetUnfinishedPairingCode();
    const info = disconnectInfoOf(error, wasShowingCodes && this.#auth.state.creds.me?.id === undefined);
    this.#deps.log.info({ statusCode: info.statusCode, isIntentional }, 'socket closed');
    this.#deps.onUpdate({ kind: 'closed', info, isIntentional });
  }

  #detach(): void {
    this.#sock = undefined;
    this.#isOpen = false;
    this.#pairingEndsAt = undefined;
  }

  #pairingWindowMs(): number {
    const custom = this.#deps.overrides.qrTimeoutMs;
    return custom !== undefined
      ? QR_REFS_PER_SOCKET * custom
      : FIRST_QR_TTL_MS + (QR_REFS_PER_SOCKET - 1) * LATER_QR_TTL_MS;
  }

  /**
   * `requestPairingCode` writes `me` into the creds before anything is paired. If that socket
   * closes unpaired, the next one would log in as that number and get 401 (and the close would not
   * read as "awaiting pairing"): drop the half-start so the account registers afresh.
   */
  #forgetUnfinishedPairingCode(): void {
    const creds = this.#auth.state.creds;
    if (creds.pairingCode === undefined || creds.account !== undefined) return;
    delete creds.me;
    creds.pairingCode = undefined;
    creds.registered = false;
    this.#auth.saveCreds();
  }
}
