import type {
  Account,
  AccountId,
  ChatAction,
  ChatId,
  CommandId,
  CommandInput,
  CommandOutput,
  Contact,
  ContactId,
  EventBatch,
  MediaCacheUsage,
  MessageId,
  PairingCodeIssued,
} from '../../../shared/src/index.js';

/**
 * What the bridge handlers need from the session layer. Every account call is async: the account's
 * worker may live in another process. The session manager (one worker per
 * account) implements it; handlers stay a thin, typed mapping from commands to these calls.
 */
export type AccountPort = {
  readonly listChats: (input: CommandInput<'chats.list'>) => Promise<CommandOutput<'chats.list'>>;
  readonly pageMessages: (input: CommandInput<'messages.page'>) => Promise<CommandOutput<'messages.page'>>;
  readonly search: (query: string, limit: number) => Promise<CommandOutput<'messages.search'>>;
  readonly startChat: (phoneNumber: string) => Promise<ChatId>;
  readonly modifyChat: (chatId: ChatId, action: ChatAction, commandId: CommandId) => Promise<void>;
  readonly sendText: (input: CommandInput<'messages.sendText'>, commandId: CommandId) => Promise<MessageId>;
  readonly sendAttachment: (input: CommandInput<'messages.sendAttachment'>, commandId: CommandId) => Promise<MessageId>;
  readonly react: (input: CommandInput<'messages.react'>, commandId: CommandId) => Promise<void>;
  readonly edit: (input: CommandInput<'messages.edit'>, commandId: CommandId) => Promise<void>;
  readonly deleteForEveryone: (
    input: CommandInput<'messages.deleteForEveryone'>,
    commandId: CommandId,
  ) => Promise<void>;
  readonly forward: (input: CommandInput<'messages.forward'>, commandId: CommandId) => Promise<MessageId>;
  readonly retrySend: (input: CommandInput<'messages.retrySend'>, commandId: CommandId) => Promise<void>;
  readonly downloadMedia: (chatId: ChatId, messageId: MessageId, commandId: CommandId) => Promise<void>;
  readonly requestReupload: (chatId: ChatId, messageId: MessageId, commandId: CommandId) => Promise<void>;
  readonly retryAllFailedMedia: (commandId: CommandId) => Promise<number>;
  readonly setAlias: (contactId: ContactId, alias: string | null) => Promise<Contact>;
  readonly requestOlderHistory: (chatId: ChatId, commandId: CommandId) => Promise<void>;
  readonly takeOver: () => Promise<void>;
  readonly relink: () => Promise<void>;
  readonly logout: () => Promise<void>;
  /** `phoneNumber`: E.164 digits. Refused with CONFLICT unless the account is showing a QR. */
  readonly requestPairingCode: (phoneNumber: string) => Promise<PairingCodeIssued>;
  readonly mediaCacheUsage: () => Promise<MediaCacheUsage>;
  readonly setMediaCacheLimit: (limitBytes: number) => Promise<MediaCacheUsage>;
  readonly clearMediaCache: () => Promise<MediaCacheUsage>;
};

/**
 * What the backup service needs from the session layer to write a restored archive into an
 * account's store file, which only one process may have open for writing.
 */
export type ArchiveHost = {
  readonly accountDir: (accountId: AccountId) => string;
  /** Stops the account's worker (its store closes), runs `fn`, then starts the worker again, also when `fn` fails. */
  readonly withAccountStopped: <T>(accountId: AccountId, fn: () => Promise<T>) => Promise<T>;
  /** Registers an account whose directory already holds a restored archive and starts its (unpaired) worker. */
  readonly adoptArchive: (accountId: AccountId, label: string) => Promise<void>;
};

export type SessionPort = {
  readonly listAccounts: () => Account[];
  readonly addAccount: (label: string) => Promise<AccountId>;
  readonly removeAccount: (accountId: AccountId, deleteArchive: boolean) => Promise<void>;
  /** Throws BridgeError NOT_FOUND for an unknown account. */
  readonly account: (accountId: AccountId) => AccountPort;
  readonly catchUp: (
    accountId: AccountId | null,
    afterSeq: number,
    limit: number,
  ) => Promise<{ batches: EventBatch[]; isComplete: boolean }>;
  readonly close: () => Promise<void>;
  /** Present when accounts live in worker processes with store files (not in the accountless core). */
  readonly archives?: ArchiveHost;
};
