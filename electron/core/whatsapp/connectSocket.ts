import type { Agent } from 'node:https';
import { Browsers, makeWASocket } from '@whiskeysockets/baileys';
import type { AuthenticationState, proto, WAMessage, WAMessageKey, WASocket } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';

/** Test/demo-only transport settings (simulator URL, loopback CDN). Production passes none. */
export type TransportOverrides = Readonly<{
  waWebSocketUrl?: string;
  fetchDispatcher?: unknown;
  uploadAgent?: unknown;
  defaultQueryTimeoutMs?: number;
  /** How long each QR code lives (Baileys' `qrTimeout`); tests shorten it to run out of refs fast. */
  qrTimeoutMs?: number;
  /** Keep-alive ping interval; Baileys declares the link lost (408) 5 s past it without traffic. */
  keepAliveIntervalMs?: number;
}>;

export type HistoryData = Awaited<ReturnType<NonNullable<Parameters<typeof makeWASocket>[0]['historySyncHandler']>>>;

export type SocketParams = Readonly<{
  auth: AuthenticationState;
  log: Logger;
  overrides: TransportOverrides;
  beforeReceipt: (msg: WAMessage) => Promise<void>;
  /** Patched hook: how an undecryptable redelivery was already stored, so it is acknowledged. */
  storedAs: (key: WAMessageKey) => Promise<'message' | 'history-sync' | undefined>;
  historySyncHandler: (notification: proto.Message.IHistorySyncNotification, msg: WAMessage) => Promise<HistoryData>;
  getMessage: (key: WAMessageKey) => Promise<proto.IMessage | undefined>;
}>;

/** `RequestInit` extras for every fetch Baileys or we make (history, app-state blobs, media). */
export function requestOptionsOf(overrides: TransportOverrides): RequestInit {
  // undici's `dispatcher` is not in the DOM RequestInit type but Node's fetch honours it.
  return (overrides.fetchDispatcher === undefined ? {} : { dispatcher: overrides.fetchDispatcher }) as RequestInit;
}

/**
 * Builds one Baileys socket. The caller (WaConnection) guarantees there is never a second one.
 * `markOnlineOnConnect: false`: the phone keeps getting notifications while the inbox is open.
 */
export function connectSocket(params: SocketParams): WASocket {
  const { overrides } = params;
  return makeWASocket({
    auth: params.auth,
    logger: params.log.child({ module: 'baileys' }),
    browser: Browsers.macOS('Desktop'),
    markOnlineOnConnect: false,
    printQRInTerminal: false,
    syncFullHistory: false,
    beforeReceipt: params.beforeReceipt,
    storedAs: params.storedAs,
    historySyncHandler: params.historySyncHandler,
    getMessage: params.getMessage,
    options: requestOptionsOf(overrides),
    ...(overrides.waWebSocketUrl === undefined ? {} : { waWebSocketUrl: overrides.waWebSocketUrl }),
    ...(overrides.uploadAgent === undefined ? {} : { fetchAgent: overrides.uploadAgent as Agent }),
    ...(overrides.qrTimeoutMs === undefined ? {} : { qrTimeout: overrides.qrTimeoutMs }),
    ...(overrides.keepAliveIntervalMs === undefined ? {} : { keepAliveIntervalMs: overrides.keepAliveIntervalMs }),
    ...(overrides.defaultQueryTimeoutMs === undefined
      ? {}
      : { defaultQueryTimeoutMs: overrides.defaultQueryTimeoutMs }),
  });
}
