import type { ErrorCode } from '../../../shared/src/index.js';
import { BridgeError } from '../bridge/BridgeError.js';
import type { BackupErrorCode } from './classifyS3Error.js';
import { classifyS3Error } from './classifyS3Error.js';
import { NoBackupError } from './restoreBackup.js';

/** How a failed S3 call maps onto the bridge's small error-code union; the words stay precise. */
const BRIDGE_CODES: Readonly<Record<BackupErrorCode, ErrorCode>> = {
  badCredentials: 'UNAUTHORIZED',
  accessDenied: 'UNAUTHORIZED',
  wrongKey: 'UNAUTHORIZED',
  noSuchBucket: 'NOT_FOUND',
  endpointUnreachable: 'NOT_CONNECTED',
  timeout: 'NOT_CONNECTED',
  connectionDropped: 'NOT_CONNECTED',
  throttled: 'RATE_LIMITED',
  serverError: 'NOT_CONNECTED',
  preconditionFailed: 'CONFLICT',
  corruptBackup: 'INTERNAL',
  unknown: 'INTERNAL',
};

/** Listing or restoring failed: a BridgeError whose message is what the user should read. */
export function restoreFailure(err: unknown): BridgeError {
  if (err instanceof BridgeError) return err;
  if (err instanceof NoBackupError)
    return new BridgeError('NOT_FOUND', 'There is no backup of this account in the bucket.');
  const classified = classifyS3Error(err);
  return new BridgeError(BRIDGE_CODES[classified.code], classified.message);
}
