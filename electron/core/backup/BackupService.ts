import type { Logger } from 'pino';
import type {
  AccountId,
  BackupSettingsView,
  BridgeEvent,
  CommandInput,
  CommandOutput,
  EventBatch,
} from '../../../shared/src/index.js';
import type { BackupPort } from '../app/BackupPort.js';
import type { SessionPort } from '../app/SessionPort.js';
import { BridgeError } from '../bridge/BridgeError.js';
import type { EventHub } from '../bridge/EventHub.js';
import type { KeyProvider } from '../store/keyProvider.js';
import { drop } from '../util/drop.js';
import { openArchiveReader, readArchiveSeq } from './archiveConnection.js';
import type { BackupConfig, BackupEncryption } from './BackupConfig.js';
import { BackupBucket, createS3Client } from './backupBucket.js';
import { configFromInput, probeConfigFromInput, settingsViewOf, statusViewOf } from './backupSettingsInput.js';
import type { AccountBackup } from './createAccountBackup.js';
import { createAccountBackup } from './createAccountBackup.js';
import { LastBackupTimes } from './lastBackupTimes.js';
import { listBackups } from './listBackups.js';
import { restoredBatches } from './restoredBatches.js';
import { restoreFailure } from './restoreFailure.js';
import { restoreBackup } from './restoreBackup.js';
import type { RetryOptions } from './retryPolicy.js';
import { DEFAULT_RETRY } from './retryPolicy.js';
import { loadBackupConfig, saveBackupConfig } from './sealedBackupConfig.js';
import { testConnection } from './testConnection.js';

export type BackupServiceOptions = Readonly<{
  profileDir: string;
  keyProvider: KeyProvider;
  hub: EventHub;
  sessions: Pick<SessionPort, 'listAccounts' | 'archives'>;
  log: Logger;
  nativeBinding?: string;
  /** Tests shorten the backoff; the app uses the defaults. */
  retry?: RetryOptions;
}>;

/** Events that describe the session, not the archive: they never mean "something to back up". */
const SESSION_EVENTS: ReadonlySet<BridgeEvent['type']> = new Set([
  'accounts.changed',
  'connection.changed',
  'sync.changed',
  'commands.completed',
  'backup.statusChanged',
  'cache.reset',
]);
const PROBE_RETRY: RetryOptions = { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 500 };
const RESTORED_LABEL = 'Restored backup';

/**
 * The S3 backup of every account, run in the main process beside the session manager: it reads
 * each account's store through its own WAL reader connection, so the worker that owns the socket
 * never waits for a backup, and S3 I/O never shares a process with the socket.
 *
 * Usage: `const backup = await BackupService.open({...})`; hand it to createHandlers; `close()`.
 * It follows committed batches on the hub ("something changed in account X") and publishes
 * `backup.statusChanged` there. Config changes are serialized and rebuild the per-account wiring.
 */
export class BackupService implements BackupPort {
  readonly #o: BackupServiceOptions;
  readonly #log: Logger;
  readonly #accounts = new Map<AccountId, AccountBackup>();
  /** The newest committed change-log position seen per account (for "pending changes"). */
  readonly #seqs = new Map<AccountId, number>();
  #config: BackupConfig | undefined;
  readonly #lastTimes: LastBackupTimes;
  #ops: Promise<unknown> = Promise.resolve();
  #unsubscribe: () => void = () => {};
  #isClosed = false;

  private constructor(options: BackupServiceOptions, config: BackupConfig | undefined, lastTimes: LastBackupTimes) {
    this.#o = options;
    this.#log = options.log.child({ module: 'backup-service' });
    this.#config = config;
    this.#lastTimes = lastTimes;
  }

  static async open(options: BackupServiceOptions): Promise<BackupService> {
    let config: BackupConfig | undefined;
    try {
      config = await loadBackupConfig(options.profileDir, options.keyProvider);
    } catch (err) {
      // A damaged backup.json must not stop the inbox from opening; the settings screen shows
      // "not configured" and saving the form writes a good file again.
      options.log.error({ err }, 'backup config unreadable; backups are off until it is saved again');
    }
    const service = new BackupService(options, config, await LastBackupTimes.load(options.profileDir));
    service.#syncAccounts();
    service.#unsubscribe = options.hub.subscribe((batches) => service.#onBatches(batches));
    return service;
  }

  overview = (): CommandOutput<'backup.getStatus'> => ({
    settings: this.#config === undefined ? null : settingsViewOf(this.#config),
    accounts: [...this.#accounts].map(([accountId, backup]) => ({
      accountId,
      status: statusViewOf(backup.scheduler.status, this.#config?.isEnabled ?? false),
    })),
  });

  configure = (input: CommandInput<'backup.configure'>): Promise<CommandOutput<'backup.configure'>> =>
    this.#serial(async () => {
      const { config, generatedKey } = configFromInput(input.connection, input.key, this.#config);
      await this.#replaceConfig(config);
      return { settings: settingsViewOf(config), generatedKey };
    });

  testConnection = async (
    input: CommandInput<'backup.testConnection'>,
  ): Promise<CommandOutput<'backup.testConnection'>> => {
    const saved = this.#config;
    if (input.connection === null && saved === undefined) throw notConfigured();
    const config = input.connection === null ? (saved as BackupConfig) : probeConfigFromInput(input.connection, saved);
    const bucket = new BackupBucket(createS3Client(config), config.bucket, config.prefix, PROBE_RETRY);
    try {
      const result = await testConnection(bucket);
      return result.ok
        ? { ok: true }
        : { ok: false, error: { code: result.error.code, message: result.error.message } };
    } finally {
      bucket.destroy();
    }
  };

  runNow = (accountId: AccountId | null): void => {
    if (this.#config === undefined) throw notConfigured();
    const targets = accountId === null ? [...this.#accounts.values()] : [this.#accounts.get(accountId)];
    if (targets.some((t) => t === undefined)) throw new BridgeError('NOT_FOUND', `no account ${String(accountId)}`);
    // Failures are not lost: the scheduler turns them into `lastError` in the status event.
    for (const backup of targets) drop(backup?.scheduler.runNow() ?? Promise.resolve());
  };

  setEnabled = (isEnabled: boolean): Promise<BackupSettingsView> => this.#patch({ isEnabled });

  setWindow = (windowMs: number): Promise<BackupSettingsView> => this.#patch({ windowMs });

  list = async (): Promise<CommandOutput<'backup.list'>> => {
    const config = this.#requireConfig();
    const bucket = new BackupBucket(
      createS3Client(config),
      config.bucket,
      config.prefix,
      this.#o.retry ?? DEFAULT_RETRY,
    );
    try {
      const labels = new Map(this.#o.sessions.listAccounts().map((a) => [a.id as string, a.label]));
      const backups = await listBackups(bucket);
      return {
        backups: backups.map((b) => ({
          ...b,
          accountId: b.accountId as AccountId,
          localLabel: labels.get(b.accountId) ?? null,
        })),
      };
    } catch (err) {
      throw restoreFailure(err);
    } finally {
      bucket.destroy();
    }
  };

  restore = (input: CommandInput<'backup.restore'>): Promise<CommandOutput<'backup.restore'>> =>
    this.#serial(async () => {
      const config = this.#requireConfig();
      const archives = this.#o.sessions.archives;
      if (archives === undefined) throw new BridgeError('INTERNAL', 'restoring is not available in this build');
      const { accountId } = input;
      const encryption: BackupEncryption = input.key.mode === 'configured' ? config.encryption : input.key;
      const accountDir = archives.accountDir(accountId);
      const bucket = new BackupBucket(
        createS3Client(config),
        config.bucket,
        `${config.prefix}${accountId}/`,
        this.#o.retry ?? DEFAULT_RETRY,
      );
      const seqBefore = storeSeqOf(accountDir, this.#o.nativeBinding);
      const run = async () => {
        const result = await restoreBackup({
          bucket,
          encryption,
          accountId,
          accountDir,
          keyProvider: this.#o.keyProvider,
          logger: this.#log,
          ...(this.#o.nativeBinding === undefined ? {} : { nativeBinding: this.#o.nativeBinding }),
        });
        // Read while no worker holds the store; published before one starts (see restoredBatches).
        const batches = await restoredBatches(
          accountDir,
          accountId,
          seqBefore,
          this.#o.keyProvider,
          this.#o.nativeBinding,
        );
        return { records: result.records, batches };
      };
      const isNewAccount = !this.#o.sessions.listAccounts().some((a) => a.id === accountId);
      try {
        let records: number;
        if (isNewAccount) {
          const restored = await run();
          this.#publishRestored(accountId, restored.batches);
          await archives.adoptArchive(accountId, RESTORED_LABEL);
          records = restored.records;
        } else {
          // Its scheduler reads the same file: stop it first, rebuild it afterwards.
          await this.#disposeAccount(accountId);
          records = await archives.withAccountStopped(accountId, async () => {
            const restored = await run();
            this.#publishRestored(accountId, restored.batches);
            return restored.records;
          });
        }
        this.#syncAccounts();
        this.#log.info({ accountId, records, isNewAccount }, 'backup restored through the bridge');
        return { accountId, isNewAccount, records };
      } catch (err) {
        this.#syncAccounts();
        throw restoreFailure(err);
      } finally {
        bucket.destroy();
      }
    });

  close = async (): Promise<void> => {
    this.#isClosed = true;
    this.#unsubscribe();
    await this.#ops.catch(() => {});
    await Promise.all([...this.#accounts.keys()].map((id) => this.#disposeAccount(id)));
  };

  #patch(patch: Partial<Pick<BackupConfig, 'isEnabled' | 'windowMs'>>): Promise<BackupSettingsView> {
    return this.#serial(async () => {
      const config = { ...this.#requireConfig(), ...patch };
      await this.#replaceConfig(config);
      return settingsViewOf(config);
    });
  }

  async #replaceConfig(config: BackupConfig): Promise<void> {
    await saveBackupConfig(this.#o.profileDir, config, this.#o.keyProvider);
    this.#config = config;
    // The scheduler's window and the S3 client are fixed at construction: rebuild them.
    await Promise.all([...this.#accounts.keys()].map((id) => this.#disposeAccount(id)));
    this.#syncAccounts();
  }

  #requireConfig(): BackupConfig {
    if (this.#config === undefined) throw notConfigured();
    return this.#config;
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#ops.then(task, task);
    this.#ops = next.catch(() => {});
    return next;
  }

  /** One AccountBackup per registered account while a config exists. */
  #syncAccounts(): void {
    if (this.#isClosed) return;
    const config = this.#config;
    const ids = new Set(this.#o.sessions.listAccounts().map((a) => a.id));
    for (const id of this.#accounts.keys()) if (!ids.has(id)) drop(this.#disposeAccount(id));
    const archives = this.#o.sessions.archives;
    if (config === undefined || archives === undefined) return;
    for (const accountId of ids) {
      if (this.#accounts.has(accountId)) continue;
      const accountDir = archives.accountDir(accountId);
      if (!this.#seqs.has(accountId)) this.#seqs.set(accountId, storeSeqOf(accountDir, this.#o.nativeBinding));
      const backup = createAccountBackup({
        config,
        accountId,
        accountDir,
        currentSeq: () => this.#seqs.get(accountId) ?? 0,
        onStatus: (status) => {
          if (status.lastSuccessAt !== null)
            drop(this.#lastTimes.set(accountId, status.lastSuccessAt), (err) =>
              this.#log.warn({ err, accountId }, 'could not remember the last backup time'),
            );
          this.#publishStatus(accountId, statusViewOf(status, config.isEnabled));
        },
        lastSuccessAt: this.#lastTimes.get(accountId),
        logger: this.#log,
        ...(this.#o.retry === undefined ? {} : { retry: this.#o.retry }),
        ...(this.#o.nativeBinding === undefined ? {} : { nativeBinding: this.#o.nativeBinding }),
      });
      this.#accounts.set(accountId, backup);
      this.#publishStatus(accountId, statusViewOf(backup.scheduler.status, config.isEnabled));
    }
  }

  async #disposeAccount(accountId: AccountId): Promise<void> {
    const backup = this.#accounts.get(accountId);
    if (backup === undefined) return;
    this.#accounts.delete(accountId);
    await backup.dispose();
  }

  #onBatches(batches: readonly EventBatch[]): void {
    let isAccountListChanged = false;
    for (const batch of batches) {
      if (batch.accountId === null) {
        isAccountListChanged ||= batch.events.some((e) => e.type === 'accounts.changed');
        continue;
      }
      if (batch.events.every((e) => SESSION_EVENTS.has(e.type))) continue;
      this.#seqs.set(batch.accountId, Math.max(this.#seqs.get(batch.accountId) ?? 0, batch.seq));
      if (this.#config?.isEnabled === true) this.#accounts.get(batch.accountId)?.scheduler.notifyChanged();
    }
    if (isAccountListChanged) this.#syncAccounts();
  }

  #publishStatus(accountId: AccountId, status: ReturnType<typeof statusViewOf>): void {
    if (this.#isClosed) return;
    // A session event: it carries the stream's current position and is applied on arrival.
    this.#o.hub.publish({
      accountId,
      seq: this.#seqs.get(accountId) ?? 0,
      events: [{ type: 'backup.statusChanged', accountId, status }],
    });
  }

  /** The merged rows, announced like any committed change so every window's cache takes them in. */
  #publishRestored(accountId: AccountId, batches: readonly EventBatch[]): void {
    for (const batch of batches) {
      this.#seqs.set(accountId, Math.max(this.#seqs.get(accountId) ?? 0, batch.seq));
      this.#o.hub.publish(batch);
    }
  }
}

function notConfigured(): BridgeError {
  return new BridgeError('CONFLICT', 'Backup is not set up yet: save the S3 settings first.');
}

/** The store's change-log position, read beside the live store (0 before the store exists). */
function storeSeqOf(accountDir: string, nativeBinding: string | undefined): number {
  try {
    const db = openArchiveReader(accountDir, nativeBinding);
    try {
      return readArchiveSeq(db);
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}
