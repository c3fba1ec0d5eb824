import { BackupDecryptError } from './backupCrypto.js';
import { ManifestFormatError } from './manifest.js';

/** What went wrong with S3, in the words the settings screen shows and the scheduler acts on. */
export type BackupErrorCode =
  | 'badCredentials'
  | 'noSuchBucket'
  | 'accessDenied'
  | 'endpointUnreachable'
  | 'timeout'
  | 'connectionDropped'
  | 'throttled'
  | 'serverError'
  | 'preconditionFailed'
  | 'wrongKey'
  | 'corruptBackup'
  | 'unknown';

export type ClassifiedError = Readonly<{ code: BackupErrorCode; isRetryable: boolean; message: string }>;

const MESSAGES: Readonly<Record<BackupErrorCode, string>> = {
  badCredentials: 'The access key or secret key is wrong.',
  noSuchBucket: 'The bucket does not exist (check the name, region and endpoint).',
  accessDenied: 'The credentials are valid but not allowed to use this bucket.',
  endpointUnreachable: 'The S3 endpoint cannot be reached (check the address and the network).',
  timeout: 'The S3 endpoint did not answer in time.',
  connectionDropped: 'The connection to S3 was interrupted.',
  throttled: 'S3 asked us to slow down; retrying later.',
  serverError: 'S3 had an internal error; retrying later.',
  preconditionFailed: 'Another device updated the backup at the same time.',
  wrongKey: 'The backup cannot be decrypted: wrong passphrase or key, or the data was altered.',
  corruptBackup: 'The backup is damaged or in an unknown format.',
  unknown: 'The backup failed for an unexpected reason.',
};

const CREDENTIAL_CODES = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'ExpiredToken',
  'InvalidSecurity',
]);
const THROTTLE_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequests',
]);
const NETWORK_UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const NETWORK_DROPPED = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

type ErrorLike = {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: unknown };
};

function make(code: BackupErrorCode, isRetryable: boolean): ClassifiedError {
  return { code, isRetryable, message: MESSAGES[code] };
}

/**
 * Pure: maps an SDK, network or backup error to a code. The SDK puts the S3 error code in
 * `name` (and `Code`), the HTTP status in `$metadata`, and Node's socket errors in `code`,
 * sometimes one `cause` deep; all are checked, most specific first.
 */
export function classifyS3Error(err: unknown): ClassifiedError {
  if (err instanceof BackupDecryptError) return make('wrongKey', false);
  if (err instanceof ManifestFormatError || err instanceof SyntaxError) return make('corruptBackup', false);
  const chain: ErrorLike[] = [];
  for (let e: unknown = err, depth = 0; e !== null && typeof e === 'object' && depth < 4; depth += 1) {
    chain.push(e);
    e = (e as ErrorLike).cause;
  }
  for (const e of chain) {
    const names = [e.name, e.code, e.Code].filter((v): v is string => typeof v === 'string');
    const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
    if (names.some((n) => CREDENTIAL_CODES.has(n))) return make('badCredentials', false);
    if (names.includes('NoSuchBucket')) return make('noSuchBucket', false);
    if (names.includes('AccessDenied') || names.includes('AllAccessDisabled')) return make('accessDenied', false);
    if (names.includes('PreconditionFailed') || names.includes('ConditionalRequestConflict') || status === 412)
      return make('preconditionFailed', true);
    if (names.some((n) => THROTTLE_CODES.has(n)) || status === 503 || status === 429) return make('throttled', true);
    if (names.some((n) => NETWORK_UNREACHABLE.has(n))) return make('endpointUnreachable', true);
    // Before timeouts: the SDK names a reset socket "TimeoutError" and keeps ECONNRESET in `code`.
    if (names.some((n) => NETWORK_DROPPED.has(n))) return make('connectionDropped', true);
    if (names.some((n) => TIMEOUT_CODES.has(n))) return make('timeout', true);
    if (status !== undefined && status >= 500) return make('serverError', true);
    // HEAD answers carry no body, so a missing bucket or a refusal is only a status code.
    if (status === 404 && names.includes('NotFound')) return make('noSuchBucket', false);
    if (status === 403) return make('accessDenied', false);
    if (typeof e.message === 'string' && /socket hang up|aborted|premature close/i.test(e.message))
      return make('connectionDropped', true);
  }
  return make('unknown', false);
}

/**
 * What of an S3 error is safe to log. SDK errors carry the parsed error body as properties
 * (for SignatureDoesNotMatch: the access key id, the string to sign), so the object itself
 * never goes to the logger.
 */
export function loggableS3Error(err: unknown): Readonly<{ name: string; code: string | null; status: number | null }> {
  const e = (err ?? {}) as ErrorLike;
  return {
    name: typeof e.name === 'string' ? e.name : typeof err,
    code: typeof e.code === 'string' ? e.code : null,
    status: typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : null,
  };
}
