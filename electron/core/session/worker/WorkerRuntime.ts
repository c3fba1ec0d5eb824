import path from 'node:path';
import type { Logger } from 'pino';
import type {
  AccountId,
  BridgeEvent,
  ChatId,
  CommandId,
  ConnectionState,
  EventBatch,
  PairingCodeIssued,
} from '../../../../shared/src/index.js';
import { BridgeError } from '../../bridge/BridgeError.js';
import type { AccountStore, BatchResult, StoreOp } from '../../store/index.js';
import type { TransportOverrides } from '../../whatsapp/connectSocket.js';
import { requestOptionsOf } from '../../whatsapp/connectSocket.js';
import { MediaFetcher } from '../../whatsapp/media/MediaFetcher.js';
import { drop } from '../../util/drop.js';
import { NotConnectedError, UnknownMessageError, WaCommands } from '../../whatsapp/WaCommands.js';
import { PairingUnavailableError, WaConnection } from '../../whatsapp/WaConnection.js';
import type { AccountWorkerOptions, BatchSink } from '../AccountWorkerApi.js';
import type { LaneOutcome } from './CommandLanes.js';
import { CommandLanes, PermanentCommandError } from './CommandLanes.js';
import { ConnectionSupervisor } from './ConnectionSupervisor.js';
import { MediaCache } from './MediaCache.js';
import { commitBatch } from './commitBatch.js';
import { OlderHistory } from './OlderHistory.js';
import { ownMessageId, runCommand, SENDING_COMMANDS } from './runCommand.js';
import { SyncStatusTracker } from './SyncStatusTracker.js';
import type { WorkerTuning } from './WorkerTuning.js';
import { WorkerIngestSink } from './WorkerIngestSink.js';

export type WorkerRuntimeInit = Readonly<{
  options: AccountWorkerOptions;
  store: AccountStore;
  log: Logger;
  emit: BatchSink;
  overrides: TransportOverrides;
  tuning: WorkerTuning;
  now: () => number;
  rand: () => number;
}>;

/**
 * The parts of a started worker wired together: persist-then-emit, ingest sink, sync status,
 * lanes and the connection supervisor. AccountWorker is the API; this is the machinery.
 */
export class WorkerRuntime {
  readonly accountId: AccountId;
  readonly store: AccountStore;
  readonly conn: WaConnection;
  readonly supervisor: ConnectionSupervisor;
  readonly sync: SyncStatusTracker;
  readonly lanes: CommandLanes;
  readonly commands: WaCommands;
  readonly mediaCache: MediaCache;
  readonly #init: WorkerRuntimeInit;
  readonly #sentIds = new Set<string>();
  readonly #older: OlderHistory;
  readonly #ingestSink: WorkerIngestSink;

  constructor(init: WorkerRuntimeInit) {
    this.#init = init;
    this.accountId = init.options.accountId;
    this.store = init.store;
    const { store, log, tuning, now } = init;
    for (const entry of store.outbox.list(['queued', 'running', 'done', 'failed'], 10_000)) {
      if (entry.clientMessageId !== null) this.#sentIds.add(entry.clientMessageId);
    }
    this.sync = new SyncStatusTracker(store.getSyncStatus());
    this.#ingestSink = new WorkerIngestSink({
      apply: (ops) => this.apply(ops),
      sync: this.sync,
      onOnDemandChunk: (chunk) => this.#older.onHistoryChunk(chunk),
      historyQuietMs: tuning.historyQuietMs,
      now,
    });
    this.supervisor = new ConnectionSupervisor({
      connect: () => this.conn.connect(),
      onState: (state) => this.#onConnectionState(state),
      onOpen: () => this.lanes.kick(),
      reconnect: tuning.reconnect,
      rand: init.rand,
      now,
      log,
    });
    this.conn = new WaConnection({
      accountId: this.accountId,
      store,
      log,
      overrides: init.overrides,
      sink: this.#ingestSink,
      onUpdate: (update) => this.supervisor.handle(update),
      isSentByThisDevice: (waId) => this.#sentIds.has(waId),
      now,
    });
    this.commands = new WaCommands(() => this.conn.socket(), store);
    const mediaDir = path.join(init.options.accountDir, 'media');
    this.mediaCache = new MediaCache({
      mediaDir,
      store,
      persist: (ops) => this.apply(ops),
      protectRecentMs: tuning.mediaCacheProtectRecentMs,
      now,
      log,
    });
    const media = new MediaFetcher(
      {
        mediaDir,
        mediaUrl: (fileName) => `/media/${init.options.accountId}/${encodeURIComponent(fileName)}`,
        requestOptions: requestOptionsOf(init.overrides),
        downloadTimeoutMs: tuning.mediaDownloadTimeoutMs,
        reuploadTimeoutMs: tuning.mediaReuploadTimeoutMs,
        maxBytes: tuning.mediaMaxBytes,
      },
      {
        store,
        socket: () => this.conn.socket(),
        persist: (ops) => this.apply(ops),
        log,
        now,
        onSaved: (fileName) =>
          drop(this.mediaCache.enforce(fileName), (err) => log.warn({ err }, 'media cache limit not enforced')),
      },
    );
    this.lanes = new CommandLanes({
      outbox: store.outbox,
      isReady: () => this.conn.isOpen,
      run: (entry) =>
        runCommand(entry, {
          commands: this.commands,
          media,
          persist: (ops) => this.apply(ops),
          getMessageText: (chatId, messageId) => {
            const m = store.getMessage(chatId, messageId);
            return m?.body.kind === 'text' ? m.body.text : null;
          },
        }),
      onOutcome: (outcome) => this.#onCommandOutcome(outcome),
      isNotConnected: (err) => err instanceof NotConnectedError || isConnectionClosed(err),
      mediaGap: tuning.mediaGap,
      mediaConcurrency: tuning.mediaConcurrency,
      rand: init.rand,
      now,
      log,
    });
    this.#older = new OlderHistory({
      commands: this.commands,
      store,
      apply: (ops) => this.apply(ops),
      isOpen: () => this.conn.isOpen,
      cooldownMs: tuning.olderHistoryCooldownMs,
      count: tuning.olderHistoryCount,
      now,
    });
  }

  async start(): Promise<void> {
    const requeued = this.store.outbox.requeueInterrupted();
    const replayed = await this.conn.replayHistory();
    this.#init.log.info({ requeued, replayed }, 'worker starting');
    this.supervisor.start();
    // The limit may have been lowered, or files left over, while the worker was not running.
    drop(this.mediaCache.enforce(), (err) => this.#init.log.warn({ err }, 'media cache limit not enforced'));
  }

  async stop(): Promise<void> {
    this.#ingestSink.dispose();
    this.supervisor.expectClose('stopped');
    await this.conn.end();
    await this.lanes.stop();
    this.store.close();
  }

  newWaId(): string {
    return this.commands.newMessageId(this.conn.context().self.pn || undefined);
  }

  markSentByThisDevice(waId: string): void {
    this.#sentIds.add(waId);
  }

  /** Commits ops (one transaction) and emits what changed, plus session events riding along. */
  apply(ops: readonly StoreOp[], extra: readonly BridgeEvent[] = []): BatchResult {
    return this.applyWith(ops, () => undefined, extra);
  }

  /** Like apply, with more writes (e.g. the outbox entry) inside the same transaction. */
  applyWith(ops: readonly StoreOp[], alsoInTransaction: () => void, extra: readonly BridgeEvent[] = []): BatchResult {
    return commitBatch(this.store, this.#init.emit, ops, alsoInTransaction, extra);
  }

  async requestPairingCode(phoneDigits: string): Promise<PairingCodeIssued> {
    try {
      return await this.conn.requestPairingCode(phoneDigits);
    } catch (err) {
      if (err instanceof PairingUnavailableError) throw new BridgeError('CONFLICT', err.message);
      throw err;
    }
  }

  async startChat(phoneNumber: string): Promise<ChatId> {
    if (!this.conn.isOpen) throw new BridgeError('NOT_CONNECTED', 'the account is offline');
    const jid = await this.commands.lookupNumber(phoneNumber);
    if (jid === null) throw new BridgeError('NOT_FOUND', 'this number is not on WhatsApp');
    this.apply([{ type: 'chat.upsert', chat: { id: jid, contactId: jid as never, isGroup: false } }]);
    return jid as ChatId;
  }

  async requestOlderHistory(chatId: ChatId, commandId: CommandId): Promise<void> {
    await this.#older.request(chatId);
    this.#emitSession([{ type: 'commands.completed', commandId, name: 'history.requestOlder', error: null }]);
  }

  async relink(): Promise<void> {
    this.supervisor.expectClose('stopped');
    await this.conn.end();
    this.conn.resetCredentials();
    this.supervisor.start();
  }

  async logout(): Promise<void> {
    this.supervisor.expectClose('loggedOut');
    await this.conn.logout();
    this.conn.resetCredentials();
    if (this.supervisor.state.kind !== 'closed')
      this.supervisor.handle({ kind: 'closed', info: {}, isIntentional: true });
  }

  #onConnectionState(state: ConnectionState): void {
    this.#emitSession([{ type: 'connection.changed', accountId: this.accountId, state }]);
  }

  #onCommandOutcome({ entry, error, isFinal }: LaneOutcome): void {
    if (!isFinal) return;
    const event: BridgeEvent = {
      type: 'commands.completed',
      commandId: entry.id as CommandId,
      name: entry.name,
      error: error === null ? null : { code: errorCodeOf(error), message: messageOf(error).slice(0, 2000) },
    };
    const chatId = (entry.payload as { chatId?: ChatId; toChatId?: ChatId } | null) ?? {};
    const target = entry.name === 'messages.forward' ? chatId.toChatId : chatId.chatId;
    if (error !== null && SENDING_COMMANDS.has(entry.name) && entry.clientMessageId !== null && target !== undefined) {
      const failure = messageOf(error).slice(0, 500);
      const messageId = ownMessageId(target, entry.clientMessageId);
      this.apply([{ type: 'message.status', chatId: target, messageId, status: 'failed', failure }], [event]);
      return;
    }
    this.#emitSession([event]);
  }

  /** Session events carry the current store seq: they describe state, not archive rows. */
  #emitSession(events: BridgeEvent[]): void {
    const batch: EventBatch = { accountId: this.accountId, seq: this.store.currentSeq(), events };
    this.#init.emit(batch);
  }
}

function isConnectionClosed(err: unknown): boolean {
  const status = (err as { output?: { statusCode?: unknown } } | null)?.output?.statusCode;
  return status === 428 || status === 408;
}

function errorCodeOf(err: unknown): 'NOT_CONNECTED' | 'NOT_FOUND' | 'INVALID_INPUT' | 'INTERNAL' {
  if (err instanceof NotConnectedError) return 'NOT_CONNECTED';
  if (err instanceof UnknownMessageError) return 'NOT_FOUND';
  if (err instanceof PermanentCommandError) return 'INVALID_INPUT';
  return 'INTERNAL';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
