import { z } from 'zod';

/** Why a session stopped; each maps to one thing the UI offers the user. */
export const CloseReasonSchema = z.enum([
  'loggedOut', // 401: the phone removed this device → offer re-pair, keep the archive
  'openedElsewhere', // 440: another client took the session → offer take-over, never loop
  'banned', // 403
  'mismatch', // 411: multi-device mismatch → re-pair
  'badSession', // 500
  'transient', // 408/428/503/lost: retrying with backoff
  'restartRequired', // 515: reconnecting at once
  'lockedByOtherInstance', // this profile is open in another window/process
  'untrustedServer', // the server's certificate chain failed verification
  'pairingRejected', // pair-success whose account signature is not the phone's: refused, nothing saved
  'qrExpired', // every QR code ran out unscanned (408 before pairing) → offer a new code, no loop
  'stopped', // the user or the app stopped the session
  'unknown',
]);
export type CloseReason = z.infer<typeof CloseReasonSchema>;

export const ConnectionStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  z.object({ kind: z.literal('connecting'), attempt: z.number().int().nonnegative() }),
  z.object({
    kind: z.literal('qr'),
    qr: z.string().max(4096),
    expiresAt: z.number().int(),
  }),
  z.object({ kind: z.literal('open') }),
  z.object({
    kind: z.literal('closed'),
    reason: CloseReasonSchema,
    statusCode: z.number().int().optional(),
    message: z.string().max(1000).optional(),
    retryAt: z.number().int().optional(),
  }),
]);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;
