import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from 'pino';
import type { BackupConfig } from './BackupConfig.js';
import { BackupBucket, createS3Client } from './backupBucket.js';
import { BackupEngine } from './BackupEngine.js';
import type { MediaFileStore } from './mediaFiles.js';
import type { BackupStatus, SchedulerClock } from './BackupScheduler.js';
import { BackupScheduler } from './BackupScheduler.js';
import type { RetryOptions } from './retryPolicy.js';
import { DEFAULT_RETRY } from './retryPolicy.js';

export type AccountBackup = Readonly<{
  engine: BackupEngine;
  scheduler: BackupScheduler;
  bucket: BackupBucket;
  /** Stops the scheduler (waits for a run under way) and closes the S3 client. */
  dispose: () => Promise<void>;
}>;

export type AccountBackupOptions = Readonly<{
  config: BackupConfig;
  accountId: string;
  accountDir: string;
  /** `() => store.currentSeq()`: how far the change log is, for "pending changes". */
  currentSeq: () => number;
  onStatus?: (status: BackupStatus) => void;
  /** From an earlier run of the app, for the status line. */
  lastSuccessAt?: number | null;
  logger?: Logger;
  clock?: SchedulerClock;
  retry?: RetryOptions;
  s3Client?: S3Client;
  nativeBinding?: string;
  mediaFiles?: MediaFileStore;
}>;

/**
 * The wiring the app needs per account: S3 client → bucket (retries reported to the status) →
 * engine → scheduler. Usage: `const b = createAccountBackup({...}); after each persisted batch
 * b.scheduler.notifyChanged(); on shutdown await b.dispose()`.
 */
export function createAccountBackup(options: AccountBackupOptions): AccountBackup {
  const { config } = options;
  const logger = options.logger?.child({ module: 'backup', accountId: options.accountId });
  // The bucket reports retries to the scheduler, which is built after it.
  const sink: { scheduler?: BackupScheduler } = {};
  const retry = options.retry ?? DEFAULT_RETRY;
  const bucket = new BackupBucket(
    options.s3Client ?? createS3Client(config),
    config.bucket,
    `${config.prefix}${options.accountId}/`,
    {
      ...retry,
      onRetry: (info) => {
        sink.scheduler?.reportRetry(info.error);
        retry.onRetry?.(info);
      },
    },
  );
  const engine = new BackupEngine({
    config,
    bucket,
    accountId: options.accountId,
    accountDir: options.accountDir,
    ...(logger === undefined ? {} : { logger }),
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    ...(options.mediaFiles === undefined ? {} : { mediaFiles: options.mediaFiles }),
  });
  const scheduler = new BackupScheduler({
    run: () => engine.runOnce(),
    pendingChanges: () => engine.pendingChanges(options.currentSeq()),
    windowMs: config.windowMs,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.onStatus === undefined ? {} : { onStatus: options.onStatus }),
    ...(logger === undefined ? {} : { logger }),
    ...(options.lastSuccessAt === undefined ? {} : { lastSuccessAt: options.lastSuccessAt }),
  });
  sink.scheduler = scheduler;
  return {
    engine,
    scheduler,
    bucket,
    dispose: async () => {
      await scheduler.stop();
      bucket.destroy();
    },
  };
}
