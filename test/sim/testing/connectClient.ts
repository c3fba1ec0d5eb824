import { makeWASocket, WA_CERT_DETAILS } from '@whiskeysockets/baileys';
import type { ConnectionState, UserFacingSocketConfig, WASocket } from '@whiskeysockets/baileys';
import pino from 'pino';
import type { Simulator } from '../simulator.js';
import type { MemoryAuth } from './memoryAuth.js';

export type ClientEnd = Readonly<{ statusCode: number | undefined; message: string }>;

export type Client = {
  sock: WASocket;
  /** Resolves when this socket closes, with Baileys' status code (401, 440, 515, …). */
  closed: Promise<ClientEnd>;
  /** Every `connection.update` of this socket, in order. */
  updates: Partial<ConnectionState>[];
};

export type ConnectOptions = Readonly<{
  auth: MemoryAuth;
  /** Called with each QR string; typically `qr => sim.phone.scanQR(qr)`. */
  onQR?: (qr: string, client: Client) => void;
  config?: Partial<UserFacingSocketConfig>;
  /** Called with every socket as soon as it exists (attach listeners before offline messages arrive). */
  onSocket?: (client: Client) => void;
  /** Give up after this long (default 20 s). */
  timeoutMs?: number;
}>;

const statusOf = (err: unknown): number | undefined =>
  (err as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;

/** One Baileys socket against the simulator, with test-friendly timings. */
export function openSocket(sim: Simulator, opts: ConnectOptions): Client {
  // The test-only trust hook: Baileys reads the root key at handshake time from this mutable export.
  WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(sim.trustRoot);
  const sock = makeWASocket({
    waWebSocketUrl: sim.wsUrl,
    auth: opts.auth.state,
    logger: pino({ level: 'silent' }),
    printQRInTerminal: false,
    defaultQueryTimeoutMs: 5000,
    connectTimeoutMs: 10_000,
    markOnlineOnConnect: false,
    ...opts.config,
  });
  const updates: Partial<ConnectionState>[] = [];
  let resolveClosed: (end: ClientEnd) => void = () => {};
  const closed = new Promise<ClientEnd>((resolve) => {
    resolveClosed = resolve;
  });
  const client: Client = { sock, closed, updates };
  opts.onSocket?.(client);
  sock.ev.on('creds.update', opts.auth.saveCreds);
  sock.ev.on('connection.update', (update) => {
    updates.push(update);
    if (update.qr) opts.onQR?.(update.qr, client);
    if (update.connection === 'close') {
      const err = update.lastDisconnect?.error;
      resolveClosed({ statusCode: statusOf(err), message: err?.message ?? '' });
    }
  });
  return client;
}

/**
 * Connects until `connection: 'open'`. Baileys does not reconnect after the 515 that follows pairing,
 * so this recreates the socket with the same auth, the way an app must.
 */
export async function connectClient(sim: Simulator, opts: ConnectOptions): Promise<Client> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    const client = openSocket(sim, opts);
    const outcome = await new Promise<'open' | ClientEnd>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('connectClient: timed out')), Math.max(0, deadline - Date.now()));
      client.sock.ev.on('connection.update', (u) => {
        if (u.connection === 'open') {
          clearTimeout(timer);
          resolve('open');
        }
      });
      void client.closed.then((end) => {
        clearTimeout(timer);
        resolve(end);
      });
    });
    if (outcome === 'open') return client;
    if (outcome.statusCode !== 515) {
      throw new Error(`connectClient: closed with ${String(outcome.statusCode)} (${outcome.message})`);
    }
  }
}

/** Pairs a fresh auth by QR and returns an open client. */
export function pairAndConnect(
  sim: Simulator,
  auth: MemoryAuth,
  config?: Partial<UserFacingSocketConfig>,
  onSocket?: (client: Client) => void,
): Promise<Client> {
  let scanned = false;
  return connectClient(sim, {
    auth,
    ...(config ? { config } : {}),
    ...(onSocket ? { onSocket } : {}),
    onQR: (qr) => {
      if (scanned) return;
      scanned = true;
      void sim.phone.scanQR(qr).catch(() => {});
    },
  });
}

/** Ends a socket and waits for it to be closed. */
export async function closeClient(client: Client): Promise<void> {
  // end() returns a promise in rc14's typings; `closed` is what tells us it is done.
  void client.sock.end(undefined);
  await client.closed;
}
