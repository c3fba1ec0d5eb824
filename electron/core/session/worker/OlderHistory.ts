import type { ChatId } from '../../../../shared/src/index.js';
import { BridgeError } from '../../bridge/BridgeError.js';
import type { AccountStore, BatchResult, StoreOp } from '../../store/index.js';
import type { HistoryChunkMeta } from '../../whatsapp/ingestTypes.js';
import type { WaCommands } from '../../whatsapp/WaCommands.js';

export type OlderHistoryDeps = Readonly<{
  commands: WaCommands;
  store: AccountStore;
  apply: (ops: readonly StoreOp[]) => BatchResult;
  isOpen: () => boolean;
  cooldownMs: number;
  count: number;
  now: () => number;
}>;

/**
 * "Load older messages": asks the phone for the messages before the oldest archived one
 * (an ON_DEMAND history chunk answers). One request per chat per cooldown; a chat whose answer
 * brought nothing, or that has nothing archived to anchor on, is marked exhausted.
 */
export class OlderHistory {
  readonly #deps: OlderHistoryDeps;
  readonly #lastRequestAt = new Map<string, number>();
  #awaiting: ChatId | undefined;

  constructor(deps: OlderHistoryDeps) {
    this.#deps = deps;
  }

  async request(chatId: ChatId): Promise<void> {
    const { store, now } = this.#deps;
    const chat = store.getChat(chatId);
    if (chat === undefined) throw new BridgeError('NOT_FOUND', 'unknown chat');
    if (chat.isHistoryExhausted) return;
    if (!this.#deps.isOpen()) throw new BridgeError('NOT_CONNECTED', 'the account is offline');
    const last = this.#lastRequestAt.get(chatId);
    if (last !== undefined && now() - last < this.#deps.cooldownMs) {
      throw new BridgeError('RATE_LIMITED', 'older messages were requested a moment ago');
    }
    this.#lastRequestAt.set(chatId, now());
    const isSent = await this.#deps.commands.requestOlder(chatId, this.#deps.count);
    if (!isSent) this.#markExhausted(chatId);
    else this.#awaiting = chatId;
  }

  /** An ON_DEMAND chunk without messages answers the pending request: nothing older exists. */
  onHistoryChunk(chunk: HistoryChunkMeta): void {
    if (chunk.syncType !== 'ON_DEMAND' || this.#awaiting === undefined) return;
    if (chunk.messageCount === 0) this.#markExhausted(this.#awaiting);
    this.#awaiting = undefined;
  }

  #markExhausted(chatId: ChatId): void {
    this.#deps.apply([{ type: 'chat.upsert', chat: { id: chatId, isHistoryExhausted: true } }]);
  }
}
