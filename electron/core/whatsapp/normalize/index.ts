export type * from './ops.js';
export { normalizeMessage } from './normalizeMessage.js';
export { normalizeHistorySync, mergeChatPatch } from './normalizeHistorySync.js';
export type { HistorySyncInput, HistorySyncResult } from './normalizeHistorySync.js';
export { normalizeContact } from './normalizeContact.js';
export { toMessageId, toChatId, toContactId, makeJidResolver } from './messageId.js';
