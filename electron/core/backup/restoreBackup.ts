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
}>;

export type RestoreResult = Readonly<{ generation: number; records: number } & ApplyCounts>;

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
      options.logger?.info(
        { generation: manifest.generation, records: view.count(), ...applier.counts },
        'backup restored',
      );
      return { generation: manifest.generation, records: view.count(), ...applier.counts };
    } finally {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    }
  } finally {
    view.dispose();
  }
}
