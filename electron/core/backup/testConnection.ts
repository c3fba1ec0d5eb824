import { randomBytes } from 'node:crypto';
import type { BackupBucket } from './backupBucket.js';
import type { ClassifiedError } from './classifyS3Error.js';
import { classifyS3Error } from './classifyS3Error.js';

export type ConnectionTestResult = Readonly<{ ok: true } | { ok: false; error: ClassifiedError }>;

/**
 * "Test connection" in settings: list the bucket (credentials, bucket, endpoint), then write and
 * delete a probe object (write permission). Pass a bucket built with few attempts for a quick answer.
 */
export async function testConnection(bucket: BackupBucket): Promise<ConnectionTestResult> {
  try {
    await bucket.probe();
    const probe = `probes/${randomBytes(8).toString('hex')}`;
    await bucket.put(probe, Buffer.from('probe'));
    await bucket.delete([probe]);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: classifyS3Error(err) };
  }
}
