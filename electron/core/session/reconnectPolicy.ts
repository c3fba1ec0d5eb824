import type { CloseReason } from '../../../shared/src/index.js';
import { missingCaseError } from '../util/missingCaseError.js';

export const RECONNECT_BASE_DELAY_MS = 1_000;
export const RECONNECT_MAX_DELAY_MS = 60_000;

export type ReconnectConfig = Readonly<{ baseDelayMs: number; maxDelayMs: number }>;

export const DEFAULT_RECONNECT_CONFIG: ReconnectConfig = {
  baseDelayMs: RECONNECT_BASE_DELAY_MS,
  maxDelayMs: RECONNECT_MAX_DELAY_MS,
};

/**
 * Which check of the server's identity failed (classified in whatsapp/, the only folder that knows
 * Baileys' error texts): its Noise certificate chain, or the account signature in pair-success.
 */
export type TrustFailure = 'serverCertificate' | 'accountSignature';

/** What closed the socket: Baileys' `lastDisconnect.error` boiled down to plain data. */
export type DisconnectInfo = Readonly<{
  statusCode?: number;
  isLost?: boolean;
  message?: string;
  trustFailure?: TrustFailure;
  /** The account had no paired credentials when the socket closed (it was showing QR codes). */
  isAwaitingPairing?: boolean;
}>;

export type UserOffer = 'takeOver' | 'repair' | 'none';

export type ReconnectDecision =
  | Readonly<{ action: 'reconnectNow'; closeReason: CloseReason }>
  | Readonly<{ action: 'backoff'; delayMs: number; closeReason: CloseReason }>
  | Readonly<{ action: 'stop'; closeReason: CloseReason; offer: UserOffer }>;

// Status codes as Baileys' DisconnectReason spells them; restated so this module needs no Baileys import.
const STATUS = {
  loggedOut: 401,
  forbidden: 403,
  connectionLost: 408,
  multideviceMismatch: 411,
  connectionClosed: 428,
  connectionReplaced: 440,
  badSession: 500,
  unavailableService: 503,
  restartRequired: 515,
} as const;

// Past this exponent base * 2^n is beyond any sane cap; clamping keeps the arithmetic finite.
const MAX_EXPONENT = 30;

/**
 * Decides what to do after the socket closed. Pure: the caller owns the attempt counter (reset it when
 * the connection opens) and passes `Math.random` in production.
 */
export function decideReconnect(
  reason: DisconnectInfo,
  attempt: number,
  rand: () => number,
  config: ReconnectConfig = DEFAULT_RECONNECT_CONFIG,
): ReconnectDecision {
  const backoff = (closeReason: CloseReason): ReconnectDecision => ({
    action: 'backoff',
    delayMs: fullJitterDelayMs(attempt, rand, config),
    closeReason,
  });
  switch (reason.trustFailure) {
    case 'serverCertificate':
      // Not a network hiccup: the same server would be refused again, so retrying only hammers it.
      // The user may retry once the cause (a proxy, a captive portal) is gone.
      return { action: 'stop', closeReason: 'untrustedServer', offer: 'takeOver' };
    case 'accountSignature':
      // A pairing the phone's account key did not sign; Baileys saved nothing. Pairing again is the way on.
      return { action: 'stop', closeReason: 'pairingRejected', offer: 'repair' };
    case undefined:
      break;
    default:
      throw missingCaseError(reason.trustFailure);
  }
  if (reason.statusCode === STATUS.connectionLost && reason.isAwaitingPairing === true) {
    // Baileys ends with 408 once every QR ref expired unscanned. Reconnecting would show codes to
    // nobody forever; the user asks for a new one when they are back at the screen.
    return { action: 'stop', closeReason: 'qrExpired', offer: 'repair' };
  }
  switch (reason.statusCode) {
    case STATUS.restartRequired:
      // Sent right after pairing: the server wants a fresh socket with the new creds. Baileys does not
      // reconnect by itself.
      return { action: 'reconnectNow', closeReason: 'restartRequired' };
    case STATUS.connectionReplaced:
      // Another client took the session. Reconnecting would take it back, and the other side does the
      // same: a ping-pong loop. Only the user may take over.
      return { action: 'stop', closeReason: 'openedElsewhere', offer: 'takeOver' };
    case STATUS.loggedOut:
      return { action: 'stop', closeReason: 'loggedOut', offer: 'repair' };
    case STATUS.forbidden:
      return { action: 'stop', closeReason: 'banned', offer: 'none' };
    case STATUS.multideviceMismatch:
      return { action: 'stop', closeReason: 'mismatch', offer: 'repair' };
    case STATUS.badSession:
      // Usually a corrupt Signal session or a server hiccup. Wiping credentials would throw away a
      // working pairing, so retry and let a 401 say if the device is really gone.
      return backoff('badSession');
    case STATUS.connectionLost:
    case STATUS.connectionClosed:
    case STATUS.unavailableService:
    case undefined:
      return backoff('transient');
    default:
      // A known code above always wins; a lost socket with an odd code is still just a lost socket.
      return backoff(reason.isLost ? 'transient' : 'unknown');
  }
}

/** Full jitter (AWS architecture blog): uniform in [0, min(cap, base * 2^attempt)). */
export function fullJitterDelayMs(attempt: number, rand: () => number, config: ReconnectConfig): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), MAX_EXPONENT);
  const ceiling = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** exponent);
  const r = Math.min(Math.max(rand(), 0), 1);
  return Math.floor(r * ceiling);
}
