import type { ChatId } from '../../../shared/src/index.js';
import { buildHistorySync, historyMessage, historySyncMessage, uploadHistoryChunk } from '../../sim/history/index.js';
import type { HistorySyncInput } from '../../sim/history/index.js';
import type { WorkerHarness } from './workerHarness.js';

/** The phone sends one history chunk through the CDN (non-inline), like later RECENT chunks. */
export async function sendCdnHistoryChunk(h: WorkerHarness, input: HistorySyncInput): Promise<string> {
  const { notification } = await uploadHistoryChunk(h.cdn, buildHistorySync(input));
  return h.sim.phone.sendProtocolMessageToDevice(historySyncMessage(notification));
}

/** `count` text messages from `jid` (and one reply from us), oldest first, one minute apart. */
export function conversation(jid: string, idPrefix: string, count: number, startS = 1_760_000_000) {
  return {
    id: jid,
    messages: Array.from({ length: count }, (_, i) =>
      historyMessage({
        remoteJid: jid,
        id: `${idPrefix}${i}`,
        fromMe: i % 3 === 2,
        timestamp: startS + i * 60,
        text: `history ${idPrefix} ${i}`,
      }),
    ),
  };
}

export const chatIdOf = (jid: string): ChatId => jid as ChatId;
