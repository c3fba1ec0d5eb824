import fs from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { AccountId } from '../../../shared/src/index.js';
import { AccountStore } from '../store/AccountStore.js';
import type { KeyProvider } from '../store/keyProvider.js';
import type { ApplyCounts } from './applyRecords.js';
import { RecordApplier } from './applyRecords.js';
import { openArchiveWriter } from './archiveConnection.js';
import type { BackupBucket } from './backupBucket.js';
import type { BackupEncryption } from './BackupConfig.js';
import { loadMergedView } from './loadMergedView.js';
import { ManifestFormatError } from './manifest.js';
import { ManifestStore } from './ManifestStore.js';
import type { MediaFileStore } from './mediaFiles.js';
import { restoreMediaFile } from './mediaFiles.js';

export class NoBackupError extends Error {
  override name = 'NoBackupError';
}

export type RestoreOptions = Readonly<{
  bucket: BackupBucket;
  encryption: BackupEncryption;
  accountId: AccountId;
  /** The account's store directory; created (empty store) when missing. The store must be CLOSED. */
  accountDir: string;
  keyProvider: KeyProvider;
  nativeBinding?: string;
  now?: () => number;
  logger?: Logger;
  /** When given, media files that were backed up are written back through it. */
  mediaFiles?: MediaFileStore;
}>;

export type RestoreResult = Readonly<{ generation: number; records: number; mediaFiles: number } & ApplyCounts>;

/**
 * Downloads the whole backup (snapshot + every device's segments), verifies each object, merges
 * them into one view and merges that into the local archive by HLC. Into an empty profile the
 * result equals the backed-up archive record for record; into a used one nothing newer is lost.
 * Signal keys are never touched: the account re-pairs (see docs/backup.md).
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const now = options.now ?? Date.now;
  const manifests = new ManifestStore(options.bucket, options.encryption, options.accountId, now, options.logger);
  const manifest = await manifests.load();
  if (manifest === undefined) throw new NoBackupError('no backup for this account');
  if (manifest.body.accountId !== options.accountId) throw new ManifestFormatError('backup belongs to another account');
  const view = await loadMergedView(options.bucket, manifest, await manifests.key(manifest.kdf), options.nativeBinding);
  try {
    fs.mkdirSync(options.accountDir, { recursive: true });
    // Opening through the store creates or migrates the file and seeds its key check and HLC node.
    const store = await AccountStore.open(options.accountDir, {
      keyProvider: options.keyProvider,
      accountId: options.accountId,
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    });
    store.close();
    const db = openArchiveWriter(options.accountDir, options.nativeBinding);
    try {
      const applier = new RecordApplier(db, (kind, key) => view.get(kind, key));
      for (const page of view.pages()) {
        applier.apply(page);
        await yieldToLoop();
      }
      let mediaFiles = 0;
      if (options.mediaFiles !== undefined) {
        const key = await manifests.key(manifest.kdf);
        for (const page of view.pages()) {
          for (const record of page) {
            if (await restoreMediaFile(record, options.mediaFiles, options.bucket, key)) mediaFiles += 1;
          }
        }
      }
      const counts = { generation: manifest.generation, records: view.count(), mediaFiles, ...applier.counts };
      options.logger?.info(counts, 'backup restored');
      return counts;
    } finally {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    }
  } finally {
    view.dispose();
  }
}
