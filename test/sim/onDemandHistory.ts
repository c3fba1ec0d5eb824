import { proto } from '@whiskeysockets/baileys';
import type { BinaryNode } from '@whiskeysockets/baileys';
import type { Simulator } from './simulator.js';

/** The phone answers at most this many messages per on-demand request, as WhatsApp does. */
export const ON_DEMAND_MAX_MESSAGES = 50;

export type OnDemandRequest = Readonly<{
  requestId: string;
  chatJid: string;
  count: number;
  oldestMsgId: string;
  oldestTimestampS: number;
  /** How many messages the phone sent back (0 = "nothing older"). */
  answered: number;
}>;

const tsOf = (m: proto.IWebMessageInfo): number => Number(m.messageTimestamp ?? 0);

/**
 * Older messages the phone still has, per chat, served on `sock.fetchMessageHistory(count,
 * oldestKey, oldestTimestamp)`: Baileys sends the phone a PEER_DATA_OPERATION_REQUEST_MESSAGE
 * (HISTORY_SYNC_ON_DEMAND); the phone answers with an ON_DEMAND history-sync notification whose
 * `peerDataRequestSessionId` is the request's message id, holding the newest ≤50 messages older
 * than the oldest one the app has. An empty chunk means "nothing older".
 *
 *   sim.olderHistory.seed(ana.pnJid, [historyMessage({...}), …]);
 */
export class OnDemandHistory {
  readonly requests: OnDemandRequest[] = [];
  readonly #byChat = new Map<string, proto.IWebMessageInfo[]>();

  constructor(private readonly sim: Simulator) {}

  /** Adds older messages for a chat (any order; kept newest first like the phone's store). */
  seed(chatJid: string, messages: readonly proto.IWebMessageInfo[]): void {
    const all = [...(this.#byChat.get(chatJid) ?? []), ...messages];
    all.sort((a, b) => tsOf(b) - tsOf(a));
    this.#byChat.set(chatJid, all);
  }

  count(chatJid: string): number {
    return this.#byChat.get(chatJid)?.length ?? 0;
  }

  /** The phone decrypted something the app sent to the account's own devices (DSM-wrapped). */
  async onPhoneMessage(message: proto.Message, stanza: BinaryNode): Promise<void> {
    const inner = message.deviceSentMessage?.message ?? message;
    const pdo = inner.protocolMessage?.peerDataOperationRequestMessage;
    if (pdo) await this.onRequest(pdo, stanza.attrs.id ?? '');
  }

  async onRequest(pdo: proto.Message.IPeerDataOperationRequestMessage, requestId: string): Promise<void> {
    const req = pdo.historySyncOnDemandRequest;
    if (
      pdo.peerDataOperationRequestType !== proto.Message.PeerDataOperationRequestType.HISTORY_SYNC_ON_DEMAND ||
      !req
    ) {
      return;
    }
    const chatJid = req.chatJid ?? '';
    const raw = Number(req.oldestMsgTimestampMs ?? 0);
    // The field is milliseconds; apps that pass Baileys' seconds-based messageTimestamp get the same answer.
    const oldestS = raw > 1e11 ? Math.floor(raw / 1000) : raw;
    const count = Math.min(Math.max(Number(req.onDemandMsgCount ?? 0), 0), ON_DEMAND_MAX_MESSAGES);
    const older = (this.#byChat.get(chatJid) ?? []).filter((m) => tsOf(m) < oldestS && m.key?.id !== req.oldestMsgId);
    const batch = older.slice(0, count);
    this.requests.push({
      requestId,
      chatJid,
      count: Number(req.onDemandMsgCount ?? 0),
      oldestMsgId: req.oldestMsgId ?? '',
      oldestTimestampS: oldestS,
      answered: batch.length,
    });
    await this.sim.sendHistoryInline(
      {
        syncType: 'ON_DEMAND',
        progress: 100,
        conversations: [{ id: chatJid, messages: batch }],
      },
      { peerDataRequestSessionId: requestId },
    );
  }
}
