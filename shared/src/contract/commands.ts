import { z } from 'zod';
import { AccountSchema } from '../domain/account.js';
import { ChatSchema } from '../domain/chat.js';
import { ContactSchema } from '../domain/contact.js';
import { AccountIdSchema, ChatIdSchema, ContactIdSchema, MessageIdSchema } from '../domain/ids.js';
import { MessageSchema } from '../domain/message.js';
import { backupCommands } from './backup.js';
import { EventBatchSchema } from './events.js';
import { MAX_ATTACHMENT_BYTES, MAX_PAGE_SIZE, MAX_TEXT_LENGTH } from './limits.js';
import { MediaCacheLimitSchema, MediaCacheUsageSchema } from './mediaCache.js';
import { PairingCodeIssuedSchema, PairingPhoneNumberSchema } from './pairingCode.js';

/*
 * Every command the renderer can send, declared once: input schema (validated in main) and
 * output schema (the `value` of an accepted Result). Inputs are strict objects: unknown keys are
 * refused, so a typo or an injected field never reaches a handler.
 *
 * Commands that start work on the socket (sending, chat actions, media) answer at once with what
 * main persisted (e.g. the pending message id); the outcome arrives later as a
 * `commands.completed` event carrying the same command id.
 */

const empty = z.strictObject({});
const text = z.string().min(1).max(MAX_TEXT_LENGTH);
const pageLimit = z.number().int().min(1).max(MAX_PAGE_SIZE);
const accountChat = { accountId: AccountIdSchema, chatId: ChatIdSchema };
const messageRef = { ...accountChat, messageId: MessageIdSchema };
const queued = z.object({ queued: z.literal(true) });

const base64 = z
  .string()
  .max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const ChatActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pin'), value: z.boolean() }),
  z.strictObject({ type: z.literal('archive'), value: z.boolean() }),
  z.strictObject({ type: z.literal('mute'), untilMs: z.number().int().nonnegative().nullable() }),
  z.strictObject({ type: z.literal('markRead') }),
  z.strictObject({ type: z.literal('markUnread') }),
]);
export type ChatAction = z.infer<typeof ChatActionSchema>;

export const commands = {
  'app.ping': {
    input: z.strictObject({ nonce: z.string().max(128) }),
    output: z.object({ nonce: z.string(), serverTime: z.number() }),
  },
  'app.getInfo': {
    input: empty,
    output: z.object({
      version: z.string(),
      mode: z.enum(['electron', 'browser']),
      platform: z.string(),
    }),
  },
  'events.catchUp': {
    input: z.strictObject({
      accountId: AccountIdSchema.nullable(),
      afterSeq: z.number().int().nonnegative(),
      limit: z.number().int().min(1).max(10_000),
    }),
    output: z.object({ batches: z.array(EventBatchSchema), isComplete: z.boolean() }),
  },
  'accounts.list': { input: empty, output: z.array(AccountSchema) },
  'accounts.add': {
    input: z.strictObject({ label: z.string().min(1).max(128) }),
    output: z.object({ accountId: AccountIdSchema }),
  },
  'accounts.takeOver': { input: z.strictObject({ accountId: AccountIdSchema }), output: queued },
  'accounts.relink': { input: z.strictObject({ accountId: AccountIdSchema }), output: queued },
  'accounts.logout': { input: z.strictObject({ accountId: AccountIdSchema }), output: queued },
  'accounts.remove': {
    input: z.strictObject({ accountId: AccountIdSchema, deleteArchive: z.boolean() }),
    output: queued,
  },
  'chats.list': {
    input: z.strictObject({
      accountId: AccountIdSchema,
      limit: pageLimit,
      beforeActivity: z.number().int().nullable(),
    }),
    output: z.array(ChatSchema),
  },
  'chats.modify': {
    input: z.strictObject({ ...accountChat, action: ChatActionSchema }),
    output: queued,
  },
  'chats.start': {
    input: z.strictObject({ accountId: AccountIdSchema, phoneNumber: z.string().min(3).max(32) }),
    output: z.object({ chatId: ChatIdSchema }),
  },
  'messages.page': {
    input: z.strictObject({
      ...accountChat,
      beforeTimestamp: z.number().int().nullable(),
      /**
       * With beforeTimestamp: the oldest shown message's orderKey, so a page boundary inside one
       * second neither skips nor repeats messages. Absent: everything older than the timestamp.
       */
      beforeOrderKey: z.number().int().nullish(),
      limit: pageLimit,
    }),
    output: z.object({ messages: z.array(MessageSchema), hasMoreLocal: z.boolean() }),
  },
  'messages.search': {
    input: z.strictObject({
      accountId: AccountIdSchema.nullable(),
      query: z.string().min(1).max(512),
      limit: pageLimit,
    }),
    output: z.array(MessageSchema),
  },
  'messages.sendText': {
    input: z.strictObject({ ...accountChat, text, quotedId: MessageIdSchema.nullable() }),
    output: z.object({ messageId: MessageIdSchema }),
  },
  'messages.sendAttachment': {
    input: z.strictObject({
      ...accountChat,
      kind: z.enum(['image', 'document']),
      fileName: z.string().min(1).max(255),
      mimeType: z.string().min(1).max(255),
      dataBase64: base64,
      caption: z.string().max(MAX_TEXT_LENGTH).nullable(),
    }),
    output: z.object({ messageId: MessageIdSchema }),
  },
  'messages.react': {
    input: z.strictObject({ ...messageRef, emoji: z.string().max(64) }),
    output: queued,
  },
  'messages.edit': { input: z.strictObject({ ...messageRef, text }), output: queued },
  'messages.deleteForEveryone': { input: z.strictObject(messageRef), output: queued },
  'messages.forward': {
    input: z.strictObject({ ...messageRef, toChatId: ChatIdSchema }),
    output: z.object({ messageId: MessageIdSchema }),
  },
  'messages.retrySend': { input: z.strictObject(messageRef), output: queued },
  'media.download': { input: z.strictObject(messageRef), output: queued },
  'media.requestReupload': { input: z.strictObject(messageRef), output: queued },
  'media.retryAllFailed': {
    input: z.strictObject({ accountId: AccountIdSchema }),
    output: z.object({ queuedCount: z.number().int().nonnegative() }),
  },
  'contacts.setAlias': {
    input: z.strictObject({
      accountId: AccountIdSchema,
      contactId: ContactIdSchema,
      alias: z.string().min(1).max(128).nullable(),
    }),
    output: ContactSchema,
  },
  'history.requestOlder': { input: z.strictObject(accountChat), output: queued },
  /** Only while the account shows a QR; the code goes to the user, who types it on the phone. */
  'accounts.requestPairingCode': {
    input: z.strictObject({ accountId: AccountIdSchema, phoneNumber: PairingPhoneNumberSchema }),
    output: PairingCodeIssuedSchema,
  },
  'media.cacheUsage': { input: z.strictObject({ accountId: AccountIdSchema }), output: MediaCacheUsageSchema },
  /** Removes every downloaded file; the messages offer the download again. */
  'media.clearCache': { input: z.strictObject({ accountId: AccountIdSchema }), output: MediaCacheUsageSchema },
  /** Lowering the limit evicts the least recently viewed files at once. */
  'settings.setMediaCacheLimit': {
    input: z.strictObject({ accountId: AccountIdSchema, limitBytes: MediaCacheLimitSchema }),
    output: MediaCacheUsageSchema,
  },
  ...backupCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.infer<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = z.infer<Commands[K]['output']>;

export const commandNames = Object.keys(commands) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}
