import type { DisconnectInfo, TrustFailure } from '../session/reconnectPolicy.js';

// Baileys raises trust failures as plain Booms (400 or 500) that differ only in their text; these
// are the texts of rc14 plus our patch (patches/, noise-handler.js and validate-connection.js).
const SERVER_CERTIFICATE_ERRORS = [
  /^invalid noise (leaf|intermediate) certificate/,
  /^noise (certificate|intermediate certificate) signature invalid/,
  /^certification match failed/,
  /^noise leaf certificate/,
  /^noise (intermediate|leaf) certificate outside its validity period/,
];
const ACCOUNT_SIGNATURE_ERRORS = [/^Invalid account signature/, /^Failed to verify account signature/];

/**
 * Boils Baileys' close error down to plain data for the reconnect policy. `isAwaitingPairing` is
 * whether the account had no paired credentials at that moment (it was showing QR codes).
 */
export function disconnectInfoOf(error: Error | undefined, isAwaitingPairing: boolean): DisconnectInfo {
  const statusCode = (error as { output?: { statusCode?: unknown } } | undefined)?.output?.statusCode;
  const trustFailure = trustFailureOf(error?.message ?? '');
  return {
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    ...(error?.message ? { message: error.message.slice(0, 500) } : {}),
    ...(trustFailure === undefined ? {} : { trustFailure }),
    isLost: statusCode === 408 || statusCode === 428,
    isAwaitingPairing,
  };
}

function trustFailureOf(message: string): TrustFailure | undefined {
  if (SERVER_CERTIFICATE_ERRORS.some((re) => re.test(message))) return 'serverCertificate';
  if (ACCOUNT_SIGNATURE_ERRORS.some((re) => re.test(message))) return 'accountSignature';
  return undefined;
}
