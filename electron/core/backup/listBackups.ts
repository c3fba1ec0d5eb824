import type { BackupBucket } from './backupBucket.js';
import { readManifestEnvelope } from './manifest.js';
import { MANIFEST_NAME } from './ManifestStore.js';

export type BackupListing = Readonly<{
  accountId: string;
  /** When the manifest was last committed: the time of the newest backup run. */
  lastModified: number;
  generation: number;
  isPassphraseProtected: boolean;
  /** Every object under the account's folder (manifest, segments, snapshot parts, media). */
  sizeBytes: number;
  objectCount: number;
}>;

/**
 * The backups under the configured prefix, one per account, from the manifests' clear headers
 * (no key needed to list; contents stay sealed). `bucket` is rooted at the prefix, not an account.
 * One listing of the whole prefix gives both the manifests and the sizes.
 */
export async function listBackups(bucket: BackupBucket): Promise<BackupListing[]> {
  const items = await bucket.list('');
  const sizes = new Map<string, { bytes: number; count: number }>();
  for (const item of items) {
    const accountId = item.name.split('/', 1)[0] ?? '';
    const total = sizes.get(accountId) ?? { bytes: 0, count: 0 };
    sizes.set(accountId, { bytes: total.bytes + item.size, count: total.count + 1 });
  }
  const out: BackupListing[] = [];
  for (const item of items) {
    const match = /^([^/]+)\/manifest\.json$/.exec(item.name);
    const accountId = match?.[1];
    if (accountId === undefined) continue;
    const got = await bucket.get(`${accountId}/${MANIFEST_NAME}`);
    if (got === undefined) continue;
    const envelope = readManifestEnvelope(got.body);
    const size = sizes.get(accountId) ?? { bytes: 0, count: 0 };
    out.push({
      accountId,
      lastModified: item.lastModified,
      generation: envelope.generation,
      isPassphraseProtected: envelope.kdf !== null,
      sizeBytes: size.bytes,
      objectCount: size.count,
    });
  }
  return out.sort((a, b) => b.lastModified - a.lastModified);
}
