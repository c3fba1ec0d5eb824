import { z } from 'zod';
import { AccountIdSchema, ChatIdSchema, ContactIdSchema } from './ids.js';

export const ChatPreviewSchema = z.object({
  senderId: ContactIdSchema.nullable(),
  isFromMe: z.boolean(),
  /** Short text for the chat list, e.g. the caption or "Photo". */
  text: z.string().max(512),
  kind: z.string().max(32),
});

export const ChatSchema = z.object({
  accountId: AccountIdSchema,
  id: ChatIdSchema,
  /** The contact (1:1) or group this chat is with. */
  contactId: ContactIdSchema,
  isGroup: z.boolean(),
  /** Group subject; 1:1 titles come from the contact's best name. */
  subject: z.string().max(1024).nullable(),
  lastMessageAt: z.number().int().nullable(),
  preview: ChatPreviewSchema.nullable(),
  unreadCount: z.number().int().nonnegative(),
  isMarkedUnread: z.boolean(),
  pinnedAt: z.number().int().nullable(),
  isArchived: z.boolean(),
  mutedUntil: z.number().int().nullable(),
  /** Oldest message held locally: "how far back the archive reaches". */
  oldestMessageAt: z.number().int().nullable(),
  /** The phone said there is nothing older. */
  isHistoryExhausted: z.boolean(),
});
export type Chat = z.infer<typeof ChatSchema>;
