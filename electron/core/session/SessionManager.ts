import { promises as fs } from 'node:fs';
import type { Logger } from 'pino';
import type { Account, AccountId, EventBatch, BridgeEvent, SyncStatus } from '../../../shared/src/index.js';
import type { AccountPort, ArchiveHost, SessionPort } from '../app/SessionPort.js';
import { BridgeError } from '../bridge/BridgeError.js';
import type { EventHub } from '../bridge/EventHub.js';
import type { KeyProvider } from '../store/keyProvider.js';
import { drop } from '../util/drop.js';
import { accountPortProxy } from './process/accountPortProxy.js';
import type { RegistryEntry } from './process/accountRegistry.js';
import { accountDirOf, newAccountId, readRegistry, writeRegistry } from './process/accountRegistry.js';
import type { RestartConfig } from './process/restartPolicy.js';
import type { WorkerSpawner } from './process/WorkerSpawner.js';
import { nodeSpawner } from './process/WorkerSpawner.js';
import { WorkerSupervisor } from './process/WorkerSupervisor.js';
import { WorkerProcess } from './WorkerProcess.js';

export type SessionManagerOptions = {
  readonly profileDir: string;
  readonly hub: EventHub;
  readonly log: Logger;
  /** The child entry (`dist/core/workerMain.js`, or the demo one) and how to start it. */
  readonly worker: {
    readonly script: string;
    readonly spawner?: WorkerSpawner;
    readonly env?: Readonly<Record<string, string>>;
  };
  /** Set under Electron (safeStorage): the key goes to each worker over IPC. Otherwise workers read the key file in the profile. */
  readonly keyHandoff?: KeyProvider;
  readonly nativeBinding?: string;
  readonly restart?: RestartConfig;
  readonly callTimeoutMs?: number;
  readonly startTimeoutMs?: number;
  readonly waitReadyMs?: number;
};

type Slot = {
  entry: RegistryEntry;
  summary: Account;
  readonly supervisor: WorkerSupervisor;
  readonly port: AccountPort;
};

const INITIAL_SYNC: SyncStatus = {
  phase: 'awaiting',
  progress: null,
  chunksReceived: 0,
  chunksProcessed: 0,
  messagesImported: 0,
  lateChunks: 0,
  completeSource: null,
  lastChunkAt: null,
};
const REMOVE_LOGOUT_TIMEOUT_MS = 5_000;

/**
 * The session layer: the account registry (accounts.json) and one worker process per account.
 *
 * Usage: `const sessions = await SessionManager.open({ profileDir, hub, log, worker: { script } })`
 * starts every registered account; pass it to createCore as `createSessions`. Worker batches are
 * forwarded to the hub as they are (they are committed and sequenced by the worker's store); the
 * manager's own stream (accountId null) carries `accounts.changed` and worker up/down news.
 */
export class SessionManager implements SessionPort {
  readonly #options: SessionManagerOptions;
  readonly #log: Logger;
  readonly #slots = new Map<AccountId, Slot>();
  readonly #spawner: WorkerSpawner;
  // Seeded from the clock so the app stream's seq keeps increasing across app restarts, without
  // persisting it: a window that stored seq N from the last run still sees the next snapshot.
  #appSeq = Date.now();
  #registryWrites: Promise<void> = Promise.resolve();
  #isClosed = false;
  readonly #handedKey: Uint8Array | undefined;

  private constructor(options: SessionManagerOptions, handedKey: Uint8Array | undefined) {
    this.#options = options;
    this.#handedKey = handedKey;
    this.#log = options.log.child({ module: 'sessions' });
    this.#spawner = options.worker.spawner ?? nodeSpawner();
  }

  static async open(options: SessionManagerOptions): Promise<SessionManager> {
    // Read once: every (re)start of every worker gets the same key without asking the keystore again.
    const handedKey = options.keyHandoff ? await options.keyHandoff.getKey() : undefined;
    const manager = new SessionManager(options, handedKey);
    for (const entry of await readRegistry(options.profileDir)) manager.#startSlot(entry);
    manager.#publish([]);
    return manager;
  }

  listAccounts = (): Account[] => [...this.#slots.values()].map((slot) => slot.summary);

  addAccount = async (label: string): Promise<AccountId> => {
    const entry: RegistryEntry = { id: newAccountId(), label, createdAt: Date.now() };
    await fs.mkdir(accountDirOf(this.#options.profileDir, entry.id), { recursive: true, mode: 0o700 });
    await this.#saveRegistry([...this.#entries(), entry]);
    this.#startSlot(entry);
    this.#publish([]);
    this.#log.info({ accountId: entry.id }, 'account added');
    return entry.id;
  };

  removeAccount = async (accountId: AccountId, deleteArchive: boolean): Promise<void> => {
    const slot = this.#slot(accountId);
    if (slot.supervisor.state === 'ready') {
      // Unlink the companion device while we can; an offline account is removed all the same.
      await withTimeout(slot.port.logout(), REMOVE_LOGOUT_TIMEOUT_MS).catch((err: unknown) =>
        this.#log.warn({ err, accountId }, 'logout before removal failed'),
      );
    }
    await slot.supervisor.stop();
    this.#slots.delete(accountId);
    await this.#saveRegistry(this.#entries());
    // The worker has exited, so nothing holds the store or the lock any more.
    if (deleteArchive) await fs.rm(accountDirOf(this.#options.profileDir, accountId), { recursive: true, force: true });
    this.#publish([]);
    this.#log.info({ accountId, deleteArchive }, 'account removed');
  };

  account = (accountId: AccountId): AccountPort => this.#slot(accountId).port;

  /** For backup restores: the store file is written only while no worker has it open. */
  readonly archives: ArchiveHost = {
    accountDir: (accountId) => accountDirOf(this.#options.profileDir, accountId),
    withAccountStopped: async (accountId, fn) => {
      const slot = this.#slot(accountId);
      // Another instance has this store open: writing under it would leave its clock stale.
      if (slot.supervisor.state === 'locked')
        throw new BridgeError('ACCOUNT_LOCKED', 'This account is open in another window; close it there first');
      await slot.supervisor.stop();
      try {
        return await fn();
      } finally {
        if (!this.#isClosed) slot.supervisor.start();
      }
    },
    adoptArchive: async (accountId, label) => {
      if (this.#slots.has(accountId)) throw new BridgeError('CONFLICT', 'this account is already on this computer');
      const entry: RegistryEntry = { id: accountId, label, createdAt: Date.now() };
      await this.#saveRegistry([...this.#entries(), entry]);
      this.#startSlot(entry);
      this.#publish([]);
      this.#log.info({ accountId }, 'restored archive adopted as an account');
    },
  };

  catchUp = async (
    accountId: AccountId | null,
    afterSeq: number,
    limit: number,
  ): Promise<{ batches: EventBatch[]; isComplete: boolean }> => {
    if (accountId !== null) return this.#slot(accountId).supervisor.call('catchUp', afterSeq, limit);
    // The app stream is a snapshot stream: the newest accounts.changed says everything.
    const snapshot: EventBatch = { accountId: null, seq: this.#appSeq, events: [this.#accountsChanged()] };
    return { batches: afterSeq < this.#appSeq ? [snapshot] : [], isComplete: true };
  };

  close = async (): Promise<void> => {
    if (this.#isClosed) return;
    this.#isClosed = true;
    await Promise.all([...this.#slots.values()].map((slot) => slot.supervisor.stop()));
    await this.#registryWrites;
  };

  /** The live worker's pid, for tests that kill it. */
  workerPid(accountId: AccountId): number | undefined {
    return this.#slots.get(accountId)?.supervisor.pid;
  }

  #startSlot(entry: RegistryEntry): void {
    const accountId = entry.id;
    const log = this.#log.child({ accountId });
    const accountDir = accountDirOf(this.#options.profileDir, accountId);
    const supervisor = new WorkerSupervisor({
      accountDir,
      log,
      spawn: () => this.#spawnWorker(entry, accountDir, log),
      ...(this.#options.restart ? { restart: this.#options.restart } : {}),
      ...(this.#options.waitReadyMs ? { waitReadyMs: this.#options.waitReadyMs } : {}),
      onReady: () => this.#refreshSummary(accountId),
      onDown: (state) => {
        this.#patchSummary(accountId, { connection: state }, [{ type: 'connection.changed', accountId, state }]);
      },
    });
    const summary: Account = {
      id: accountId,
      label: entry.label,
      phoneNumber: null,
      pushName: null,
      connection: { kind: 'idle' },
      sync: INITIAL_SYNC,
    };
    this.#slots.set(accountId, { entry, summary, supervisor, port: accountPortProxy(supervisor) });
    supervisor.start();
  }

  #spawnWorker(entry: RegistryEntry, accountDir: string, log: Logger): WorkerProcess {
    const { nativeBinding } = this.#options;
    const key = this.#handedKey;
    return WorkerProcess.spawn({
      spawner: this.#spawner,
      script: this.#options.worker.script,
      ...(this.#options.worker.env ? { env: this.#options.worker.env } : {}),
      launch: {
        accountId: entry.id,
        label: entry.label,
        accountDir,
        keyFileDir: key ? null : this.#options.profileDir,
        ...(nativeBinding ? { nativeBinding } : {}),
        ...(log.level ? { logLevel: log.level } : {}),
      },
      ...(key ? { key } : {}),
      log,
      onBatch: (batch) => this.#onBatch(entry.id, batch),
      ...(this.#options.callTimeoutMs ? { callTimeoutMs: this.#options.callTimeoutMs } : {}),
      ...(this.#options.startTimeoutMs ? { startTimeoutMs: this.#options.startTimeoutMs } : {}),
    });
  }

  #onBatch(accountId: AccountId, batch: EventBatch): void {
    if (batch.accountId !== accountId) {
      this.#log.warn({ accountId, batchAccountId: batch.accountId }, 'dropped a batch for another stream');
      return;
    }
    this.#options.hub.publish(batch);
    for (const event of batch.events) {
      if (event.type === 'connection.changed' && event.accountId === accountId) {
        this.#patchSummary(accountId, { connection: event.state }, []);
        // Pairing or login is when the phone number and push name become known.
        if (event.state.kind === 'open') this.#refreshSummary(accountId);
      } else if (event.type === 'sync.changed' && event.accountId === accountId) {
        this.#patchSummary(accountId, { sync: event.status }, []);
      }
    }
  }

  #refreshSummary(accountId: AccountId): void {
    const slot = this.#slots.get(accountId);
    if (!slot) return;
    drop(
      slot.supervisor.call('summary').then((summary) => {
        const { phoneNumber, pushName, connection, sync } = summary;
        this.#patchSummary(accountId, { phoneNumber, pushName, connection, sync }, []);
      }),
      (err) => this.#log.warn({ err, accountId }, 'could not read the account summary'),
    );
  }

  #patchSummary(accountId: AccountId, patch: Partial<Account>, events: BridgeEvent[]): void {
    const slot = this.#slots.get(accountId);
    if (!slot || this.#isClosed) return;
    slot.summary = { ...slot.summary, ...patch, id: accountId, label: slot.entry.label };
    this.#publish(events);
  }

  #publish(events: BridgeEvent[]): void {
    this.#appSeq += 1;
    this.#options.hub.publish({ accountId: null, seq: this.#appSeq, events: [...events, this.#accountsChanged()] });
  }

  #accountsChanged(): BridgeEvent {
    return { type: 'accounts.changed', accounts: this.listAccounts() };
  }

  #entries(): RegistryEntry[] {
    return [...this.#slots.values()].map((slot) => slot.entry);
  }

  #slot(accountId: AccountId): Slot {
    const slot = this.#slots.get(accountId);
    if (!slot) throw new BridgeError('NOT_FOUND', `no account ${accountId}`);
    return slot;
  }

  #saveRegistry(entries: RegistryEntry[]): Promise<void> {
    // Serialized: two quick adds must not race their renames and lose one.
    const write = this.#registryWrites.then(() => writeRegistry(this.#options.profileDir, entries));
    this.#registryWrites = write.catch(() => {});
    return write;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (err: unknown) => (clearTimeout(timer), reject(err instanceof Error ? err : new Error(String(err)))),
    );
  });
}
