import type { BackupBucket } from './backupBucket.js';
import { readManifestEnvelope } from './manifest.js';
import { MANIFEST_NAME } from './ManifestStore.js';

export type BackupListing = Readonly<{
  accountId: string;
  lastModified: number;
  generation: number;
  isPassphraseProtected: boolean;
}>;

/**
 * The backups under the configured prefix, one per account, from the manifests' clear headers
 * (no key needed to list; contents stay sealed). `bucket` is rooted at the prefix, not an account.
 */
export async function listBackups(bucket: BackupBucket): Promise<BackupListing[]> {
  const out: BackupListing[] = [];
  for (const item of await bucket.list('')) {
    const match = /^([^/]+)\/manifest\.json$/.exec(item.name);
    const accountId = match?.[1];
    if (accountId === undefined) continue;
    const got = await bucket.get(`${accountId}/${MANIFEST_NAME}`);
    if (got === undefined) continue;
    const envelope = readManifestEnvelope(got.body);
    out.push({
      accountId,
      lastModified: item.lastModified,
      generation: envelope.generation,
      isPassphraseProtected: envelope.kdf !== null,
    });
  }
  return out;
}
