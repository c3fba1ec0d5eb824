import path from 'node:path';
import type { Logger } from 'pino';
import type {
  AccountId,
  Chat,
  ChatId,
  Contact,
  ContactId,
  MediaState,
  Message,
  SyncStatus,
} from '../../../shared/src/index.js';
import { AccountIdSchema } from '../../../shared/src/index.js';
import type { SettingEntry } from './accountSettings.js';
import { listSettings, readSetting } from './accountSettings.js';
import type { BatchResult, StoreOp } from './batchOps.js';
import { applyOps } from './batchOps.js';
import type { ChangePage } from './changeLog.js';
import { ChangeLog } from './changeLog.js';
import type { HistoryChunk, HistoryChunkInput } from './historyJournal.js';
import { HistoryJournal } from './historyJournal.js';
import { CommandOutbox } from './commandOutbox.js';
import { ContactResolver } from './contactResolver.js';
import type { HybridLogicalClock } from './hlc.js';
import { isGroupJid } from './jid.js';
import type { KeyProvider } from './keyProvider.js';
import type { MediaRecord } from './mediaStateRepository.js';
import { getMedia, listFailedMedia, listMediaByStatus } from './mediaStateRepository.js';
import { searchMessages } from './messageSearch.js';
import type { MessagePage, MessageCursor } from './storeReads.js';
import { StoreReads } from './storeReads.js';
import type { SettingKey, SettingValue, SettingWrite } from './settingsRegistry.js';
import type { KeyWrites } from './signalKeyRepository.js';
import { SignalKeyRepository } from './signalKeyRepository.js';
import { StoreDatabase } from './storeDatabase.js';
import { prepareStore, unlockStore, writeMeta } from './storeOpener.js';
import { ChangeCollector } from './writeContext.js';

export type AccountStoreOptions = Readonly<{
  keyProvider: KeyProvider;
  /** Path to better_sqlite3.node when it is not where the package expects it (packaged app). */
  nativeBinding?: string;
  /** Defaults to the directory's name, which is how profiles lay accounts out. */
  accountId?: AccountId;
  logger?: Logger;
  now?: () => number;
}>;

/**
 * The durable store of one WhatsApp account: Signal keys, the archive, the history journal,
 * the command outbox and the change stream, in one SQLite file.
 *
 * Usage:
 *   const store = await AccountStore.open(dir, { keyProvider: new FileKeyProvider(profileDir) });
 *   const { seq, changes } = store.applyBatch(ops); // commit first …
 *   emit(seq, changes);                              // … then tell the renderer
 *   store.close();
 * All methods are synchronous (better-sqlite3); `open` is async only for the key provider.
 */
export class AccountStore {
  readonly accountId: AccountId;
  readonly outbox: CommandOutbox;
  readonly #db: StoreDatabase;
  readonly #keys: SignalKeyRepository;
  readonly #changeLog: ChangeLog;
  readonly #journal: HistoryJournal;
  readonly #resolver: ContactResolver;
  readonly #reads: StoreReads;
  readonly #clock: HybridLogicalClock;
  readonly #now: () => number;
  readonly #log: Logger | undefined;

  private constructor(parts: {
    db: StoreDatabase;
    keys: SignalKeyRepository;
    clock: HybridLogicalClock;
    accountId: AccountId;
    now: () => number;
    logger: Logger | undefined;
  }) {
    this.#db = parts.db;
    this.#keys = parts.keys;
    this.#clock = parts.clock;
    this.accountId = parts.accountId;
    this.#now = parts.now;
    this.#log = parts.logger;
    this.#changeLog = new ChangeLog(parts.db, parts.accountId);
    this.#journal = new HistoryJournal(parts.db);
    this.#resolver = new ContactResolver(parts.db);
    this.#reads = new StoreReads(parts.db, parts.accountId);
    this.outbox = new CommandOutbox(parts.db, parts.now);
  }

  static async open(dir: string, options: AccountStoreOptions): Promise<AccountStore> {
    const accountId = options.accountId ?? AccountIdSchema.parse(path.basename(path.resolve(dir)));
    const now = options.now ?? Date.now;
    const logger = options.logger?.child({ module: 'store', accountId });
    const db = StoreDatabase.open(
      dir,
      options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding },
    );
    try {
      const { clock, schemaVersion } = prepareStore(db, now);
      const cipher = await unlockStore(db, options.keyProvider);
      logger?.info({ schemaVersion, keySource: options.keyProvider.describe() }, 'account store opened');
      return new AccountStore({ db, keys: new SignalKeyRepository(db, cipher), clock, accountId, now, logger });
    } catch (err) {
      logger?.error({ err }, 'account store failed to open');
      db.close();
      throw err;
    }
  }

  close(): void {
    this.#db.close();
  }

  // --- Signal credentials and keys -------------------------------------------------------

  /** `undefined` means a fresh install; damage or a wrong key throws a typed StoreError. */
  readCreds(): Uint8Array | undefined {
    return this.#keys.readCreds();
  }

  writeCreds(serialized: Uint8Array): void {
    this.#keys.writeCreds(serialized);
  }

  getKeys(type: string, ids: readonly string[]): Record<string, Uint8Array | undefined> {
    return this.#keys.getKeys(type, ids);
  }

  setKeys(data: KeyWrites): void {
    this.#keys.setKeys(data);
  }

  maxNumericKeyId(type: string): number {
    return this.#keys.maxNumericKeyId(type);
  }

  /** Logout: forgets creds and keys, keeps the archive. */
  clearCredentials(): void {
    this.#keys.clearAll();
  }

  /**
   * Runs fn in one SQLite transaction; nested calls join the outer one. Synchronous by
   * design: a transaction cannot span an await (Baileys' async key transactions buffer their
   * writes and flush them through one setKeys call).
   */
  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn);
  }

  // --- Writes ----------------------------------------------------------------------------

  /** One transaction for the whole batch; returns what changed so the caller emits after commit. */
  applyBatch(ops: readonly StoreOp[]): BatchResult {
    const startedAt = performance.now();
    let result: BatchResult;
    try {
      result = this.#db.transaction(() => {
        this.#changeLog.begin();
        const ctx = {
          db: this.#db,
          changeLog: this.#changeLog,
          clock: this.#clock,
          resolver: this.#resolver,
          accountId: this.accountId,
          nowMs: this.#now(),
          touchedChats: new Set<string>(),
          changes: new ChangeCollector(),
        };
        const skipped = applyOps(ctx, this.#journal, ops);
        writeMeta(this.#db, 'hlc_last', this.#clock.last);
        const seq = this.#changeLog.currentSeq();
        this.#changeLog.flush();
        return { seq, changes: ctx.changes.list(), skipped };
      });
    } catch (err) {
      this.#changeLog.abandon();
      // Rolled back: the resolver may have cached a LID mapping that no longer exists.
      this.#resolver.invalidate();
      throw err;
    }
    this.#log?.debug(
      { ops: ops.length, changes: result.changes.length, ms: Math.round(performance.now() - startedAt) },
      'batch applied',
    );
    return result;
  }

  recordLidMapping(lid: string, pn: string, source: string): BatchResult {
    return this.applyBatch([{ type: 'lid.map', lid, pn, source }]);
  }

  /** The contact id the archive files this JID under (LID and phone number of one person meet). */
  resolveContactId(jid: string): ContactId {
    return (isGroupJid(jid) ? jid : this.#resolver.resolve(jid)) as ContactId;
  }

  // --- History journal -------------------------------------------------------------------

  /** Commit the notification BEFORE processing it; returns false if already journaled. */
  journalHistoryChunk(chunk: HistoryChunkInput): boolean {
    return this.#journal.record(chunk);
  }

  /** Whether a history notification with this WhatsApp id was journaled (processed or not). */
  hasHistoryChunk(id: string): boolean {
    return this.#journal.has(id);
  }

  pendingHistoryChunks(): HistoryChunk[] {
    return this.#journal.pending();
  }

  listHistoryJournal(limit: number): HistoryChunk[] {
    return this.#journal.list(limit);
  }

  // --- Reads -----------------------------------------------------------------------------

  listChats(limit: number, beforeActivity: number | null = null): Chat[] {
    return this.#reads.listChats(limit, beforeActivity);
  }

  getChat(chatId: string): Chat | undefined {
    return this.#reads.getChat(this.#chatKey(chatId));
  }

  pageMessages(chatId: string, before: number | MessageCursor | null, limit: number): MessagePage {
    return this.#reads.pageMessages(this.#chatKey(chatId), before, limit);
  }

  getMessage(chatId: string, id: string): Message | undefined {
    return this.#reads.getMessage(this.#chatKey(chatId), id);
  }

  /** The raw WAMessage bytes, for Baileys' getMessage (retries, poll decryption). */
  getRawMessage(chatId: string, id: string): Uint8Array | undefined {
    return this.#reads.getRawMessage(this.#chatKey(chatId), id);
  }

  search(query: string, chatId: string | null = null, limit = 50): Message[] {
    return searchMessages(this.#db, this.accountId, query, {
      chatId: chatId === null ? null : this.#chatKey(chatId),
      limit,
    });
  }

  getContact(jid: string): Contact | undefined {
    return this.#reads.getContact(this.resolveContactId(jid));
  }

  listContacts(limit: number, afterId: string | null = null): Contact[] {
    return this.#reads.listContacts(limit, afterId);
  }

  getMedia(chatId: string, messageId: string): MediaRecord | undefined {
    return getMedia(this.#db, this.#chatKey(chatId), messageId);
  }

  listFailedMedia(limit: number): MediaRecord[] {
    return listFailedMedia(this.#db, limit);
  }

  /** Media rows in these states (the media cache maps its files to messages through them). */
  listMediaByStatus(statuses: readonly MediaState['status'][]): MediaRecord[] {
    return listMediaByStatus(this.#db, statuses);
  }

  // --- Settings (stamped records: backed up and merged by HLC, see accountSettings.ts) -----

  /** The setting's value, or undefined when never set or deleted (callers apply their default). */
  getSetting<K extends SettingKey>(key: K): SettingValue<K> | undefined {
    return readSetting(this.#db, key);
  }

  listSettings(): SettingEntry[] {
    return listSettings(this.#db);
  }

  /** One stamped batch. Workers commit `setting.set` ops via persist-then-emit (wakes the backup). */
  setSetting(setting: SettingWrite): BatchResult {
    return this.applyBatch([{ type: 'setting.set', setting }]);
  }

  /** Leaves a deletion marker, so the removal also wins over an older value in a backup. */
  deleteSetting(key: SettingKey): BatchResult {
    return this.applyBatch([{ type: 'setting.delete', key }]);
  }

  getSyncStatus(): SyncStatus {
    return this.#reads.getSyncStatus();
  }

  changesSince(afterSeq: number, limit: number): ChangePage {
    return this.#changeLog.changesSince(afterSeq, limit);
  }

  currentSeq(): number {
    return this.#changeLog.currentSeq();
  }

  #chatKey(chatId: string): ChatId {
    return (isGroupJid(chatId) ? chatId : this.#resolver.resolve(chatId)) as ChatId;
  }
}
