export { AccountStore } from './AccountStore.js';
export type { AccountStoreOptions } from './AccountStore.js';
export type { BatchResult, SkippedOp, StoreOp } from './batchOps.js';
export type { ChangePage, EntityKind, StoreChange } from './changeLog.js';
export type { ChatPatch } from './chatWriter.js';
export type { EnqueueInput, OutboxEntry, OutboxLane, OutboxState } from './commandOutbox.js';
export { CommandOutbox } from './commandOutbox.js';
export type { ContactNameUpdate, ContactPatch } from './contactWriter.js';
export {
  KeyDecryptError,
  KeyFileError,
  StoreClosedError,
  StoreCorruptError,
  StoreError,
  StoreVersionError,
} from './errors.js';
export type { HistoryChunk, HistoryChunkInput } from './historyJournal.js';
export type { Hlc } from './hlc.js';
export { compareHlc, decodeHlc, encodeHlc, HlcDriftError, HybridLogicalClock } from './hlc.js';
export type { KeyProvider } from './keyProvider.js';
export { FileKeyProvider, KEY_FILE_NAME, staticKeyProvider } from './keyProvider.js';
export type { MediaRecord, MediaStateUpdate } from './mediaStateRepository.js';
export type { VersionedRecord } from './mergeRecord.js';
export { mergeRecord } from './mergeRecord.js';
export type { KeyWrites } from './signalKeyRepository.js';
export type { PollVoteRecord } from './pollVotes.js';
export type { MessageCursor, MessagePage } from './storeReads.js';
export type { SettingEntry } from './accountSettings.js';
export type { SettingKey, SettingValue, SettingWrite } from './settingsRegistry.js';
export { isSettingKey, SETTING_SCHEMAS } from './settingsRegistry.js';
