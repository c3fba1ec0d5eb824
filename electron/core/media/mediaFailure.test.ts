import { describe, expect, it } from 'vitest';
import type { MediaFailure } from '../../../shared/src/index.js';
import { classifyMediaFailure, failedMediaState, isReuploadNeeded } from './mediaFailure.js';

/** The shape of a @hapi/boom error as Baileys throws it, without depending on Boom here. */
function boom(message: string, statusCode: number): Error {
  return Object.assign(new Error(message), { isBoom: true, output: { statusCode, payload: {} }, data: undefined });
}
const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('classifyMediaFailure', () => {
  it.each<[string, unknown, MediaFailure, number | null, string]>([
    [
      'CDN 410',
      boom('Failed to fetch stream from https://mmg…', 410),
      'cdnGone',
      410,
      "The file expired on WhatsApp's servers (HTTP 410)",
    ],
    [
      'CDN 404',
      boom('Failed to fetch stream', 404),
      'cdnGone',
      404,
      "The file expired on WhatsApp's servers (HTTP 404)",
    ],
    [
      'CDN 403',
      boom('Failed to fetch stream', 403),
      'cdnGone',
      403,
      "The file expired on WhatsApp's servers (HTTP 403)",
    ],
    [
      'CDN 500',
      boom('Failed to fetch stream', 500),
      'cdnError',
      500,
      "WhatsApp's media servers returned an error (HTTP 500)",
    ],
    [
      'CDN 429',
      boom('Failed to fetch stream', 429),
      'cdnError',
      429,
      "WhatsApp's media servers returned an error (HTTP 429)",
    ],
    [
      'phone NOT_FOUND (a 404 Boom, not a CDN 404)',
      boom('Media re-upload failed by device (NOT_FOUND)', 404),
      'phoneNotFound',
      null,
      'Your phone no longer has this file',
    ],
    [
      'phone DECRYPTION_ERROR',
      boom('Media re-upload failed by device (DECRYPTION_ERROR)', 404),
      'decryptionFailed',
      null,
      "The file couldn't be decrypted; it may be damaged",
    ],
    [
      'phone GENERAL_ERROR',
      boom('Media re-upload failed by device (GENERAL_ERROR)', 404),
      'phoneError',
      null,
      "Your phone couldn't send the file again (error GENERAL_ERROR)",
    ],
    [
      'phone error code 2',
      boom('Failed to re-upload media (2)', 404),
      'phoneError',
      null,
      "Your phone couldn't send the file again (error 2)",
    ],
    [
      'bad decrypt',
      withCode('error:1C800064:Provider routines::bad decrypt', 'ERR_OSSL_BAD_DECRYPT'),
      'decryptionFailed',
      null,
      "The file couldn't be decrypted; it may be damaged",
    ],
    [
      'HMAC mismatch',
      new Error('HMAC mismatch'),
      'decryptionFailed',
      null,
      "The file couldn't be decrypted; it may be damaged",
    ],
    [
      'Baileys timeout',
      boom('Timed Out', 408),
      'timedOut',
      null,
      "Your phone didn't answer in time; it may be offline",
    ],
    [
      'abort timeout',
      Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }),
      'timedOut',
      null,
      "Your phone didn't answer in time; it may be offline",
    ],
    [
      'connection closed while waiting',
      boom('Connection Closed', 428),
      'notConnected',
      null,
      'This account is offline; the file will load after it reconnects',
    ],
    [
      'not connected',
      new Error('not connected'),
      'notConnected',
      null,
      'This account is offline; the file will load after it reconnects',
    ],
    [
      'network failure',
      withCode('fetch failed', 'ECONNRESET'),
      'cdnError',
      null,
      "Couldn't reach WhatsApp's media servers",
    ],
    ['non-error value', 'boom', 'cdnError', null, "Couldn't reach WhatsApp's media servers"],
  ])('%s', (_name, err, failure, httpStatus, detail) => {
    expect(classifyMediaFailure(err)).toEqual({ failure, httpStatus, detail });
  });

  it('builds the failed media state', () => {
    expect(failedMediaState(boom('x', 410), 42)).toEqual({
      status: 'failed',
      failure: 'cdnGone',
      httpStatus: 410,
      detail: "The file expired on WhatsApp's servers (HTTP 410)",
      at: 42,
    });
  });
});

describe('isReuploadNeeded (works around rc14 reading error.status)', () => {
  it.each<[string, unknown, boolean]>([
    ['Boom 410 via output.statusCode', boom('Failed to fetch stream', 410), true],
    ['Boom 404', boom('Failed to fetch stream', 404), true],
    ['Boom 403', boom('Failed to fetch stream', 403), false],
    ['Boom 500', boom('Failed to fetch stream', 500), false],
    ['phone NOT_FOUND is final', boom('Media re-upload failed by device (NOT_FOUND)', 404), false],
    ['plain error', new Error('x'), false],
  ])('%s → %s', (_name, err, expected) => {
    expect(isReuploadNeeded(err)).toBe(expected);
  });
});
