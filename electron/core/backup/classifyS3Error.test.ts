import { describe, expect, it } from 'vitest';
import { BackupDecryptError } from './backupCrypto.js';
import type { BackupErrorCode } from './classifyS3Error.js';
import { classifyS3Error, loggableS3Error } from './classifyS3Error.js';

const sdk = (name: string, status?: number): Error =>
  Object.assign(new Error(name), { name, ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }) });
const net = (code: string): Error => Object.assign(new Error(code), { code });

describe('classifyS3Error', () => {
  it.each<[string, unknown, BackupErrorCode, boolean]>([
    ['unknown access key', sdk('InvalidAccessKeyId', 403), 'badCredentials', false],
    ['wrong secret', sdk('SignatureDoesNotMatch', 403), 'badCredentials', false],
    ['expired session token', sdk('ExpiredToken', 400), 'badCredentials', false],
    ['missing bucket', sdk('NoSuchBucket', 404), 'noSuchBucket', false],
    ['missing bucket on HEAD (no body)', sdk('NotFound', 404), 'noSuchBucket', false],
    ['refused', sdk('AccessDenied', 403), 'accessDenied', false],
    ['refused on HEAD (no body)', sdk('Unknown', 403), 'accessDenied', false],
    ['conditional write lost', sdk('PreconditionFailed', 412), 'preconditionFailed', true],
    ['conditional write raced', sdk('ConditionalRequestConflict', 409), 'preconditionFailed', true],
    ['slow down', sdk('SlowDown', 503), 'throttled', true],
    ['bare 503', sdk('ServiceUnavailable', 503), 'throttled', true],
    ['internal error', sdk('InternalError', 500), 'serverError', true],
    ['bad gateway', sdk('Unknown', 502), 'serverError', true],
    ['connection refused', net('ECONNREFUSED'), 'endpointUnreachable', true],
    ['no such host', net('ENOTFOUND'), 'endpointUnreachable', true],
    [
      'refused, wrapped one level',
      Object.assign(new Error('fetch failed'), { cause: net('ECONNREFUSED') }),
      'endpointUnreachable',
      true,
    ],
    ['socket idle timeout', sdk('TimeoutError'), 'timeout', true],
    ['connect timeout', net('ETIMEDOUT'), 'timeout', true],
    [
      'reset mid-upload (SDK calls it TimeoutError)',
      Object.assign(sdk('TimeoutError'), { code: 'ECONNRESET' }),
      'connectionDropped',
      true,
    ],
    ['socket hang up', new Error('socket hang up'), 'connectionDropped', true],
    ['wrong passphrase', new BackupDecryptError('x'), 'wrongKey', false],
    ['garbage', 'a string', 'unknown', false],
    ['null', null, 'unknown', false],
  ])('%s → %s', (_label, err, code, isRetryable) => {
    const classified = classifyS3Error(err);
    expect(classified.code).toBe(code);
    expect(classified.isRetryable).toBe(isRetryable);
    expect(classified.message.length).toBeGreaterThan(10);
  });
});

describe('loggableS3Error', () => {
  it('keeps name, code and status and drops the echoed request (access key id, string to sign)', () => {
    const err = Object.assign(sdk('SignatureDoesNotMatch', 403), {
      AWSAccessKeyId: 'AKIAEXAMPLE',
      StringToSign: 'secret-ish',
    });
    const logged = loggableS3Error(err);
    expect(logged).toEqual({ name: 'SignatureDoesNotMatch', code: null, status: 403 });
    expect(JSON.stringify(logged)).not.toContain('AKIA');
  });
});
