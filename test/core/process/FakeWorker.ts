import type { Logger } from 'pino';
import type {
  Account,
  AccountId,
  ChatId,
  ContactId,
  EventBatch,
  MediaCacheUsage,
  MessageId,
} from '../../../shared/src/index.js';
import { DEFAULT_MEDIA_CACHE_LIMIT_BYTES } from '../../../shared/src/index.js';
import { BridgeError } from '../../../electron/core/bridge/BridgeError.js';
import type {
  AccountWorkerApi,
  AccountWorkerOptions,
  BatchSink,
} from '../../../electron/core/session/AccountWorkerApi.js';
import type { KeyProvider } from '../../../electron/core/store/keyProvider.js';

/**
 * A stand-in for AccountWorker: no socket, no store, but the same API and the same child
 * runtime, so the process model is tested without WhatsApp. Its push name is `pid:<pid>`, which
 * lets a test see which incarnation answered. Behaviour switches come from the environment:
 *   FAKE_WORKER_FAIL_START=1   start() throws (a worker that cannot open its store)
 */
export class FakeWorker implements AccountWorkerApi {
  readonly #options: AccountWorkerOptions;
  readonly #emit: BatchSink;
  readonly #keyProvider: KeyProvider;
  readonly #log: Logger;
  readonly #batches: EventBatch[] = [];
  #seq = 0;

  constructor(options: AccountWorkerOptions, deps: { log: Logger; keyProvider: KeyProvider; emit: BatchSink }) {
    this.#options = options;
    this.#emit = deps.emit;
    this.#keyProvider = deps.keyProvider;
    this.#log = deps.log;
  }

  start = async (): Promise<void> => {
    if (process.env.FAKE_WORKER_FAIL_START === '1') throw new Error('store would not open');
    const key = await this.#keyProvider.getKey();
    this.#log.debug({ keyBytes: key.length }, 'fake worker started');
    this.#push([{ type: 'connection.changed', accountId: this.#id, state: { kind: 'open' } }]);
  };

  stop = (): Promise<void> => Promise.resolve();

  summary = async (): Promise<Account> => ({
    id: this.#id,
    label: this.#options.label,
    phoneNumber: '15550001000',
    pushName: `pid:${process.pid}`,
    connection: { kind: 'open' },
    sync: {
      phase: 'complete',
      progress: 100,
      chunksReceived: 0,
      chunksProcessed: 0,
      messagesImported: (await this.#keyProvider.getKey()).length,
      lateChunks: 0,
      completeSource: 'inferred',
      lastChunkAt: null,
    },
  });

  catchUp = (afterSeq: number, limit: number): Promise<{ batches: EventBatch[]; isComplete: boolean }> => {
    const after = this.#batches.filter((b) => b.seq > afterSeq);
    return Promise.resolve({ batches: after.slice(0, limit), isComplete: after.length <= limit });
  };

  listChats = (): Promise<never[]> => Promise.resolve([]);
  pageMessages = (): Promise<{ messages: never[]; hasMoreLocal: boolean }> =>
    Promise.resolve({ messages: [], hasMoreLocal: false });

  /** `boom` fails like a bug would; `hang` never answers (for timeouts); otherwise no hits. */
  search = (query: string): Promise<never[]> => {
    if (query === 'boom') return Promise.reject(new Error('secret internal detail'));
    if (query === 'hang') return new Promise<never[]>(() => {});
    return Promise.resolve([]);
  };

  startChat = (phoneNumber: string): Promise<ChatId> => {
    this.#push([{ type: 'chats.removed', accountId: this.#id, chatIds: [] }]);
    return Promise.resolve(`${phoneNumber}@s.whatsapp.net` as ChatId);
  };

  setAlias = (contactId: ContactId): Promise<never> =>
    Promise.reject(new BridgeError('NOT_FOUND', `no contact ${contactId}`));

  modifyChat = (): Promise<void> => Promise.resolve();
  sendText = (): Promise<MessageId> => Promise.resolve('fake-message' as MessageId);
  sendAttachment = (): Promise<MessageId> => Promise.resolve('fake-attachment' as MessageId);
  react = (): Promise<void> => Promise.resolve();
  edit = (): Promise<void> => Promise.resolve();
  deleteForEveryone = (): Promise<void> => Promise.resolve();
  forward = (): Promise<MessageId> => Promise.resolve('fake-forward' as MessageId);
  retrySend = (): Promise<void> => Promise.resolve();
  downloadMedia = (): Promise<void> => Promise.resolve();
  requestReupload = (): Promise<void> => Promise.resolve();
  retryAllFailedMedia = (): Promise<number> => Promise.resolve(0);
  requestOlderHistory = (): Promise<void> => Promise.resolve();
  takeOver = (): Promise<void> => Promise.resolve();
  relink = (): Promise<void> => Promise.resolve();
  logout = (): Promise<void> => Promise.resolve();
  requestPairingCode = (): Promise<never> =>
    Promise.reject(new BridgeError('CONFLICT', 'the fake worker never shows a QR'));
  mediaCacheUsage = (): Promise<MediaCacheUsage> =>
    Promise.resolve({ usedBytes: 0, fileCount: 0, limitBytes: DEFAULT_MEDIA_CACHE_LIMIT_BYTES });
  setMediaCacheLimit = (limitBytes: number): Promise<MediaCacheUsage> =>
    Promise.resolve({ usedBytes: 0, fileCount: 0, limitBytes });
  clearMediaCache = (): Promise<MediaCacheUsage> => this.mediaCacheUsage();

  get #id(): AccountId {
    return this.#options.accountId;
  }

  #push(events: EventBatch['events']): void {
    this.#seq += 1;
    const batch: EventBatch = { accountId: this.#id, seq: this.#seq, events };
    this.#batches.push(batch);
    this.#emit(batch);
  }
}
