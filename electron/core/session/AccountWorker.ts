import { promises as fs } from 'node:fs';
import type { Logger } from 'pino';
import type {
  Account,
  ChatAction,
  ChatId,
  CommandId,
  CommandInput,
  CommandOutput,
  Contact,
  ContactId,
  EventBatch,
  MediaCacheUsage,
  Message,
  MessageBody,
  MessageId,
  PairingCodeIssued,
} from '../../../shared/src/index.js';
import { BridgeError } from '../bridge/BridgeError.js';
import type { KeyProvider, OutboxLane, StoreOp } from '../store/index.js';
import { AccountStore } from '../store/index.js';
import type { AccountWorkerApi, AccountWorkerOptions, BatchSink, SocketOverrides } from './AccountWorkerApi.js';
import { eventBatchOf } from './worker/eventBatchOf.js';
import { enqueueCommand, enqueueSend } from './worker/enqueueCommand.js';
import { attachmentBody, pendingMessage, quoteOf } from './worker/outgoingMessages.js';
import type { WorkerTuning } from './worker/WorkerTuning.js';
import { DEFAULT_WORKER_TUNING } from './worker/WorkerTuning.js';
import { WorkerRuntime } from './worker/WorkerRuntime.js';

export type AccountWorkerDeps = Readonly<{
  log: Logger;
  keyProvider: KeyProvider;
  emit: BatchSink;
  socketOverrides?: SocketOverrides;
  now?: () => number;
  rand?: () => number;
  tuning?: Partial<WorkerTuning>;
}>;

/**
 * One WhatsApp account, in-process: its store, its one socket, its command lanes. The session
 * manager runs it inside a child process (WorkerProcess) and talks to it through AccountWorkerApi.
 *
 *   const worker = new AccountWorker({ accountId, label, accountDir }, { log, keyProvider, emit });
 *   await worker.start();            // opens the store, replays journal + outbox, connects
 *   await worker.sendText(input, id); // pending row + outbox entry persisted, then queued
 *   await worker.stop();
 *
 * Everything it emits is committed first. Commands are persisted and answered at once; their
 * outcome arrives as `commands.completed`.
 */
export class AccountWorker implements AccountWorkerApi {
  readonly #options: AccountWorkerOptions;
  readonly #deps: AccountWorkerDeps;
  readonly #tuning: WorkerTuning;
  readonly #now: () => number;
  #rt: WorkerRuntime | undefined;

  constructor(options: AccountWorkerOptions, deps: AccountWorkerDeps) {
    this.#options = options;
    this.#deps = deps;
    this.#tuning = { ...DEFAULT_WORKER_TUNING, ...deps.tuning };
    this.#now = deps.now ?? Date.now;
  }

  async start(): Promise<void> {
    if (this.#rt !== undefined) return;
    const log = this.#deps.log.child({ module: 'worker', accountId: this.#options.accountId });
    const store = await AccountStore.open(this.#options.accountDir, {
      keyProvider: this.#deps.keyProvider,
      accountId: this.#options.accountId,
      logger: log,
      now: this.#now,
    });
    try {
      this.#rt = new WorkerRuntime({
        options: this.#options,
        store,
        log,
        emit: this.#deps.emit,
        overrides: this.#deps.socketOverrides ?? {},
        tuning: this.#tuning,
        now: this.#now,
        rand: this.#deps.rand ?? Math.random,
      });
      await this.#rt.start();
    } catch (err) {
      this.#rt = undefined;
      store.close();
      throw err;
    }
  }

  async stop(): Promise<void> {
    const rt = this.#rt;
    this.#rt = undefined;
    await rt?.stop();
  }

  summary(): Promise<Account> {
    const rt = this.#require();
    const self = rt.conn.self();
    return Promise.resolve({
      id: this.#options.accountId,
      label: this.#options.label,
      phoneNumber: self.phoneNumber,
      pushName: self.pushName,
      connection: rt.supervisor.state,
      sync: rt.sync.status,
    });
  }

  catchUp(afterSeq: number, limit: number): Promise<{ batches: EventBatch[]; isComplete: boolean }> {
    const rt = this.#require();
    const page = rt.store.changesSince(afterSeq, limit);
    const batches: EventBatch[] =
      page.changes.length === 0 ? [] : [eventBatchOf(this.#options.accountId, page.lastSeq, page.changes)];
    return Promise.resolve({ batches, isComplete: !page.hasMore });
  }

  async destroyArchive(): Promise<void> {
    if (this.#rt !== undefined) throw new BridgeError('CONFLICT', 'stop the account before deleting its archive');
    await fs.rm(this.#options.accountDir, { recursive: true, force: true });
  }

  // --- Reads -----------------------------------------------------------------------------

  listChats(input: CommandInput<'chats.list'>): Promise<CommandOutput<'chats.list'>> {
    return Promise.resolve(this.#require().store.listChats(input.limit, input.beforeActivity));
  }

  pageMessages(input: CommandInput<'messages.page'>): Promise<CommandOutput<'messages.page'>> {
    const { beforeTimestamp: timestamp, beforeOrderKey: orderKey } = input;
    const before = timestamp === null || orderKey == null ? timestamp : { timestamp, orderKey };
    const page = this.#require().store.pageMessages(input.chatId, before, input.limit);
    return Promise.resolve({ messages: page.messages, hasMoreLocal: page.hasMoreLocal });
  }

  search(query: string, limit: number): Promise<CommandOutput<'messages.search'>> {
    return Promise.resolve(this.#require().store.search(query, null, limit));
  }

  setAlias(contactId: ContactId, alias: string | null): Promise<Contact> {
    const rt = this.#require();
    rt.apply([{ type: 'contact.upsert', contact: { jid: contactId, names: [{ source: 'alias', name: alias }] } }]);
    const contact = rt.store.getContact(contactId);
    if (contact === undefined) throw new BridgeError('NOT_FOUND', 'unknown contact');
    return Promise.resolve(contact);
  }

  // --- Media cache ---------------------------------------------------------------------------

  mediaCacheUsage(): Promise<MediaCacheUsage> {
    return this.#require().mediaCache.usage();
  }

  setMediaCacheLimit(limitBytes: number): Promise<MediaCacheUsage> {
    return this.#require().mediaCache.setLimit(limitBytes);
  }

  clearMediaCache(): Promise<MediaCacheUsage> {
    return this.#require().mediaCache.clear();
  }

  // --- Commands through the outbox ---------------------------------------------------------

  sendText(input: CommandInput<'messages.sendText'>, commandId: CommandId): Promise<MessageId> {
    const body = { kind: 'text' as const, text: input.text };
    const quoted = input.quotedId === null ? undefined : this.#require().store.getMessage(input.chatId, input.quotedId);
    const extra = quoted === undefined ? {} : { quoted: quoteOf(quoted) };
    return Promise.resolve(this.#queueSend(commandId, 'messages.sendText', input, input.chatId, body, extra));
  }

  sendAttachment(input: CommandInput<'messages.sendAttachment'>, commandId: CommandId): Promise<MessageId> {
    const body = attachmentBody(input);
    return Promise.resolve(this.#queueSend(commandId, 'messages.sendAttachment', input, input.chatId, body));
  }

  forward(input: CommandInput<'messages.forward'>, commandId: CommandId): Promise<MessageId> {
    const original = this.#require().store.getMessage(input.chatId, input.messageId);
    if (original === undefined) throw new BridgeError('NOT_FOUND', 'message not found');
    return Promise.resolve(
      this.#queueSend(commandId, 'messages.forward', input, input.toChatId, original.body, { isForwarded: true }),
    );
  }

  retrySend(input: CommandInput<'messages.retrySend'>, commandId: CommandId): Promise<void> {
    const waId = input.messageId.split('|').at(-1) ?? input.messageId;
    // Same WhatsApp id as the failed attempt: if it did reach the server, the recipient dedupes it.
    this.#enqueue(commandId, 'serial', 'messages.retrySend', input, waId, []);
    return Promise.resolve();
  }

  react(input: CommandInput<'messages.react'>, commandId: CommandId): Promise<void> {
    this.#enqueue(commandId, 'serial', 'messages.react', input, this.#newWaId(), []);
    return Promise.resolve();
  }

  edit(input: CommandInput<'messages.edit'>, commandId: CommandId): Promise<void> {
    this.#enqueue(commandId, 'serial', 'messages.edit', input, this.#newWaId(), []);
    return Promise.resolve();
  }

  deleteForEveryone(input: CommandInput<'messages.deleteForEveryone'>, commandId: CommandId): Promise<void> {
    this.#enqueue(commandId, 'serial', 'messages.deleteForEveryone', input, this.#newWaId(), []);
    return Promise.resolve();
  }

  modifyChat(chatId: ChatId, action: ChatAction, commandId: CommandId): Promise<void> {
    const input = { accountId: this.#options.accountId, chatId, action };
    this.#enqueue(commandId, 'serial', 'chats.modify', input, null, []);
    return Promise.resolve();
  }

  downloadMedia(chatId: ChatId, messageId: MessageId, commandId: CommandId): Promise<void> {
    const input = { accountId: this.#options.accountId, chatId, messageId };
    this.#enqueue(commandId, 'media', 'media.download', input, null, []);
    return Promise.resolve();
  }

  requestReupload(chatId: ChatId, messageId: MessageId, commandId: CommandId): Promise<void> {
    const input = { accountId: this.#options.accountId, chatId, messageId };
    this.#enqueue(commandId, 'media', 'media.requestReupload', input, null, []);
    return Promise.resolve();
  }

  retryAllFailedMedia(commandId: CommandId): Promise<number> {
    const rt = this.#require();
    const failed = rt.store.listFailedMedia(500);
    failed.forEach((m, i) => {
      const input = { accountId: this.#options.accountId, chatId: m.chatId, messageId: m.messageId };
      this.#enqueue(`${commandId.slice(0, 48)}#${i}` as CommandId, 'media', 'media.download', input, null, []);
    });
    return Promise.resolve(failed.length);
  }

  // --- Commands that need the socket now -----------------------------------------------------

  requestPairingCode(phoneNumber: string): Promise<PairingCodeIssued> {
    return this.#require().requestPairingCode(phoneNumber);
  }

  startChat(phoneNumber: string): Promise<ChatId> {
    return this.#require().startChat(phoneNumber);
  }

  requestOlderHistory(chatId: ChatId, commandId: CommandId): Promise<void> {
    return this.#require().requestOlderHistory(chatId, commandId);
  }

  takeOver(): Promise<void> {
    this.#require().supervisor.takeOver();
    return Promise.resolve();
  }

  relink(): Promise<void> {
    return this.#require().relink();
  }

  logout(): Promise<void> {
    return this.#require().logout();
  }

  /** Diagnostics: listeners on the live socket's emitter (tests assert nothing leaks). */
  socketListenerCount(event: string): number {
    return this.#rt?.conn.listenerCount(event) ?? 0;
  }

  // --- Helpers -------------------------------------------------------------------------------

  #require(): WorkerRuntime {
    if (this.#rt === undefined) throw new BridgeError('NOT_CONNECTED', 'the account worker is not started');
    return this.#rt;
  }

  #newWaId(): string {
    return this.#require().newWaId();
  }

  /** A send: pending row (status pending, WhatsApp id fixed now) + outbox entry, one transaction. */
  #queueSend(
    commandId: CommandId,
    name: string,
    input: unknown,
    chatId: ChatId,
    body: MessageBody,
    extra: Partial<Pick<Message, 'quoted' | 'isForwarded'>> = {},
  ): MessageId {
    const rt = this.#require();
    const rows = (messageId: MessageId): StoreOp[] => [
      { type: 'message.upsert', message: pendingMessage(rt.accountId, chatId, messageId, body, this.#now(), extra) },
    ];
    return enqueueSend(rt, { commandId, name, input, chatId, rows });
  }

  #enqueue(
    commandId: CommandId,
    lane: OutboxLane,
    name: string,
    payload: unknown,
    waId: string | null,
    ops: StoreOp[],
  ): void {
    enqueueCommand(this.#require(), { commandId, lane, name, payload, waId, ops });
  }
}
