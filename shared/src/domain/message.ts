import { z } from 'zod';
import { AccountIdSchema, ChatIdSchema, ContactIdSchema, MessageIdSchema } from './ids.js';
import { MediaInfoSchema } from './media.js';

const MAX_TEXT = 65_536;

export const MessageStatusSchema = z.enum([
  'pending', // persisted in the outbox, not yet accepted by the server
  'sent',
  'delivered',
  'read',
  'played',
  'failed',
  'received', // incoming
]);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

export const PollOptionSchema = z.object({
  name: z.string().max(1024),
  voters: z.array(ContactIdSchema).max(1024),
});

export const MessageBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().max(MAX_TEXT) }),
  z.object({ kind: z.literal('media'), media: MediaInfoSchema, caption: z.string().max(MAX_TEXT).nullable() }),
  z.object({
    kind: z.literal('location'),
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().max(1024).nullable(),
    address: z.string().max(1024).nullable(),
  }),
  z.object({
    kind: z.literal('contactCard'),
    displayName: z.string().max(1024),
    vcard: z.string().max(MAX_TEXT),
  }),
  z.object({
    kind: z.literal('poll'),
    question: z.string().max(MAX_TEXT),
    options: z.array(PollOptionSchema).max(64),
    selectableCount: z.number().int().nonnegative(),
  }),
  /** Revoked ("deleted for everyone"); the original content is gone. */
  z.object({ kind: z.literal('deleted') }),
  /** A kind this app does not render yet: shown as a placeholder, never dropped. */
  z.object({ kind: z.literal('unsupported'), waType: z.string().max(128) }),
]);
export type MessageBody = z.infer<typeof MessageBodySchema>;

export const ReactionSchema = z.object({
  senderId: ContactIdSchema,
  emoji: z.string().max(64),
  at: z.number().int(),
});
export type Reaction = z.infer<typeof ReactionSchema>;

export const QuotedSchema = z.object({
  id: MessageIdSchema,
  senderId: ContactIdSchema.nullable(),
  preview: z.string().max(1024),
});

/** A message as normalized or composed, before the store placed it in the account's receive order. */
export const MessageDraftSchema = z.object({
  accountId: AccountIdSchema,
  chatId: ChatIdSchema,
  id: MessageIdSchema,
  /** null for messages from the account itself. */
  senderId: ContactIdSchema.nullable(),
  isFromMe: z.boolean(),
  /** Sent by the user from their phone (or another linked device), not from this app. */
  isFromOtherDevice: z.boolean(),
  timestamp: z.number().int(),
  status: MessageStatusSchema,
  body: MessageBodySchema,
  quoted: QuotedSchema.nullable(),
  reactions: z.array(ReactionSchema).max(1024),
  editedAt: z.number().int().nullable(),
  isForwarded: z.boolean(),
  /** Why the last send attempt failed, shown next to "retry". */
  failure: z.string().max(500).nullable(),
});
export type MessageDraft = z.infer<typeof MessageDraftSchema>;

export const MessageSchema = MessageDraftSchema.extend({
  /**
   * Where the store first received the message within its account (increasing, never reused).
   * WhatsApp timestamps have one-second resolution, so messages sort by (timestamp, orderKey):
   * a burst within one second keeps the order it arrived in.
   */
  orderKey: z.number().int(),
});
export type Message = z.infer<typeof MessageSchema>;

type Ordered = Readonly<{ timestamp: number; orderKey: number; id: string }>;

/** Timeline order: oldest first. The id only breaks ties between rows from different stores. */
export function compareMessageOrder(a: Ordered, b: Ordered): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (a.orderKey !== b.orderKey) return a.orderKey - b.orderKey;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
