import type { MediaFailure, MediaState } from '../../../shared/src/index.js';
import { missingCaseError } from '../util/missingCaseError.js';

export type ClassifiedMediaFailure = Readonly<{
  failure: MediaFailure;
  /** Words for the user (never the raw error, which may hold URLs). */
  detail: string;
  httpStatus: number | null;
}>;

// The CDN's way of saying "this blob is gone": the phone may still have the file, so ask it to re-upload.
const CDN_GONE_STATUSES: ReadonlySet<number> = new Set([403, 404, 410]);
// What Baileys itself would re-upload on (REUPLOAD_REQUIRED_STATUS in Utils/messages.js).
const REUPLOAD_STATUSES: ReadonlySet<number> = new Set([404, 410]);
// Baileys' DisconnectReason.connectionClosed; an in-flight request rejects with it when the socket drops.
const CONNECTION_CLOSED_STATUS = 428;
const TIMED_OUT_STATUS = 408;

/** Reads the HTTP-ish status of an error: Boom keeps it in `output.statusCode`, fetch-style errors in `status`. */
export function statusCodeOf(err: unknown): number | null {
  if (typeof err !== 'object' || err === null) {
    return null;
  }
  const e = err as { output?: { statusCode?: unknown }; status?: unknown; statusCode?: unknown };
  for (const candidate of [e.output?.statusCode, e.status, e.statusCode]) {
    if (typeof candidate === 'number' && Number.isInteger(candidate)) {
      return candidate;
    }
  }
  return null;
}

/**
 * Whether a failed download should be retried through `sock.updateMediaMessage`. rc14's own
 * `downloadMediaMessage` checks `error.status`, which a Boom never has (it carries
 * `output.statusCode`), so its automatic re-upload never fires; callers use this instead.
 */
export function isReuploadNeeded(err: unknown): boolean {
  const status = statusCodeOf(err);
  return status !== null && REUPLOAD_STATUSES.has(status) && !isPhoneReply(messageOf(err));
}

/** Maps a download or re-upload error to a domain failure. Order matters: phone replies are 404 Booms too. */
export function classifyMediaFailure(err: unknown): ClassifiedMediaFailure {
  const message = messageOf(err);
  const status = statusCodeOf(err);
  const deviceResult = /Media re-upload failed by device \((\w+)\)/.exec(message)?.[1];
  if (deviceResult !== undefined) {
    if (deviceResult === 'NOT_FOUND') return failed('phoneNotFound', null);
    if (deviceResult === 'DECRYPTION_ERROR') return failed('decryptionFailed', null);
    return failed('phoneError', null, deviceResult);
  }
  const phoneCode = /Failed to re-upload media \((\d+)\)/.exec(message)?.[1];
  if (phoneCode !== undefined) {
    return failed('phoneError', null, phoneCode);
  }
  if (isTimeout(err, message, status)) {
    return failed('timedOut', null);
  }
  if (status === CONNECTION_CLOSED_STATUS || /connection (closed|lost|terminated)|not connected/i.test(message)) {
    return failed('notConnected', null);
  }
  if (/bad decrypt|hmac|mac mismatch|invalid mac|decrypt/i.test(message) || codeOf(err) === 'ERR_OSSL_BAD_DECRYPT') {
    return failed('decryptionFailed', null);
  }
  if (status !== null && status >= 400 && status < 600) {
    return failed(CDN_GONE_STATUSES.has(status) ? 'cdnGone' : 'cdnError', status);
  }
  return failed('cdnError', null);
}

/** The `failed` media state for an error, stamped with `at`. */
export function failedMediaState(err: unknown, at: number): Extract<MediaState, { status: 'failed' }> {
  return { status: 'failed', at, ...classifyMediaFailure(err) };
}

/** User-facing words for a failure; `code` is the phone's error code or result name when there is one. */
export function describeMediaFailure(failure: MediaFailure, httpStatus: number | null, code?: string): string {
  const http = httpStatus === null ? '' : ` (HTTP ${httpStatus})`;
  switch (failure) {
    case 'cdnGone':
      return `The file expired on WhatsApp's servers${http}`;
    case 'cdnError':
      return httpStatus === null
        ? "Couldn't reach WhatsApp's media servers"
        : `WhatsApp's media servers returned an error${http}`;
    case 'phoneNotFound':
      return 'Your phone no longer has this file';
    case 'phoneError':
      return `Your phone couldn't send the file again${code ? ` (error ${code})` : ''}`;
    case 'decryptionFailed':
      return "The file couldn't be decrypted; it may be damaged";
    case 'timedOut':
      return "Your phone didn't answer in time; it may be offline";
    case 'notConnected':
      return 'This account is offline; the file will load after it reconnects';
    case 'tooLarge':
      return 'The file is larger than the media cache allows';
    default:
      throw missingCaseError(failure);
  }
}

function failed(failure: MediaFailure, httpStatus: number | null, code?: string): ClassifiedMediaFailure {
  return { failure, httpStatus, detail: describeMediaFailure(failure, httpStatus, code) };
}

function isTimeout(err: unknown, message: string, status: number | null): boolean {
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
  return (
    status === TIMED_OUT_STATUS ||
    name === 'TimeoutError' ||
    codeOf(err) === 'ETIMEDOUT' ||
    codeOf(err) === 'UND_ERR_CONNECT_TIMEOUT' ||
    /timed? ?out/i.test(message)
  );
}

function isPhoneReply(message: string): boolean {
  return /re-upload/i.test(message);
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  return '';
}

function codeOf(err: unknown): unknown {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  return e.code ?? e.cause?.code;
}
