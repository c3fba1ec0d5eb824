/** History-sync payloads for the simulator's fake phone. See test/sim/MEDIA-AND-HISTORY.md. */
export { buildHistorySync, historySyncType } from './buildHistorySync.js';
export type { HistoryConversationInput, HistorySyncInput, HistorySyncTypeName } from './buildHistorySync.js';
export {
  deflateHistorySync,
  historySyncMessage,
  inlineHistoryNotification,
  uploadHistoryChunk,
} from './historyNotification.js';
export type { UploadedHistoryChunk } from './historyNotification.js';
export { historyMessage } from './webMessageInfo.js';
