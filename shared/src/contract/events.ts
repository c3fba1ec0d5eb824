import { z } from 'zod';
import { AccountSchema } from '../domain/account.js';
import { ChatSchema } from '../domain/chat.js';
import { ConnectionStateSchema } from '../domain/connection.js';
import { ContactSchema } from '../domain/contact.js';
import { AccountIdSchema, ChatIdSchema, CommandIdSchema, MessageIdSchema } from '../domain/ids.js';
import { MediaStateSchema } from '../domain/media.js';
import { MessageSchema } from '../domain/message.js';
import { SyncStatusSchema } from '../domain/sync.js';
import { BackupStatusSchema } from './backup.js';
import { BridgeErrorSchema } from './result.js';

/*
 * Events flow main → renderer in ordered batches. A batch is emitted only after everything in it
 * was persisted, and carries the stream's sequence number: a reloaded window asks
 * `events.catchUp` for everything after the last sequence it stored.
 */

export const EventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accounts.changed'), accounts: z.array(AccountSchema) }),
  z.object({ type: z.literal('connection.changed'), accountId: AccountIdSchema, state: ConnectionStateSchema }),
  z.object({ type: z.literal('sync.changed'), accountId: AccountIdSchema, status: SyncStatusSchema }),
  z.object({ type: z.literal('chats.upserted'), chats: z.array(ChatSchema) }),
  z.object({ type: z.literal('chats.removed'), accountId: AccountIdSchema, chatIds: z.array(ChatIdSchema) }),
  z.object({ type: z.literal('messages.upserted'), messages: z.array(MessageSchema) }),
  z.object({
    type: z.literal('messages.removed'),
    accountId: AccountIdSchema,
    chatId: ChatIdSchema,
    messageIds: z.array(MessageIdSchema),
  }),
  z.object({ type: z.literal('contacts.upserted'), accountId: AccountIdSchema, contacts: z.array(ContactSchema) }),
  z.object({
    type: z.literal('media.changed'),
    accountId: AccountIdSchema,
    chatId: ChatIdSchema,
    messageId: MessageIdSchema,
    state: MediaStateSchema,
  }),
  z.object({
    type: z.literal('commands.completed'),
    commandId: CommandIdSchema,
    name: z.string(),
    error: BridgeErrorSchema.nullable(),
  }),
  /** The S3 backup of one account changed state (a session event: never sequenced, no secrets). */
  z.object({ type: z.literal('backup.statusChanged'), accountId: AccountIdSchema, status: BackupStatusSchema }),
  /** The renderer's cache is too far behind to catch up incrementally: drop it and reload. */
  z.object({ type: z.literal('cache.reset'), accountId: AccountIdSchema.nullable() }),
]);
export type BridgeEvent = z.infer<typeof EventSchema>;
export type EventType = BridgeEvent['type'];

export const EventBatchSchema = z.object({
  /** null for app-level streams (the account list). */
  accountId: AccountIdSchema.nullable(),
  /**
   * Increasing per stream (accountId), not contiguous: an account's seq is its store's change
   * sequence after the commit. A batch of session events only (accounts, connection, sync, command
   * outcomes) is not sequenced: it carries the stream's current position and applies on arrival.
   */
  seq: z.number().int().nonnegative(),
  events: z.array(EventSchema),
});
export type EventBatch = z.infer<typeof EventBatchSchema>;
