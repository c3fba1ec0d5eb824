import { z } from 'zod';

// Branded ids: a ChatId can never be passed where a MessageId is expected.
// Ids are opaque strings on the renderer side; only the core knows they are JIDs.
const MAX_ID_LENGTH = 256;

export const AccountIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/)
  .brand<'AccountId'>();
export type AccountId = z.infer<typeof AccountIdSchema>;

export const ChatIdSchema = z.string().min(1).max(MAX_ID_LENGTH).brand<'ChatId'>();
export type ChatId = z.infer<typeof ChatIdSchema>;

export const MessageIdSchema = z.string().min(1).max(MAX_ID_LENGTH).brand<'MessageId'>();
export type MessageId = z.infer<typeof MessageIdSchema>;

export const ContactIdSchema = z.string().min(1).max(MAX_ID_LENGTH).brand<'ContactId'>();
export type ContactId = z.infer<typeof ContactIdSchema>;

export const CommandIdSchema = z.string().min(1).max(64).brand<'CommandId'>();
export type CommandId = z.infer<typeof CommandIdSchema>;

/** Milliseconds since the Unix epoch. */
export const TimestampMsSchema = z.number().int().nonnegative();
