import { z } from 'zod';
import { ContactIdSchema } from './ids.js';

/** Where a display name came from, in the order the UI prefers them. */
export const NameSourceSchema = z.enum(['alias', 'phoneBook', 'business', 'pushName', 'number']);
export type NameSource = z.infer<typeof NameSourceSchema>;

export const ContactNameSchema = z.object({
  source: NameSourceSchema,
  name: z.string().max(512),
});
export type ContactName = z.infer<typeof ContactNameSchema>;

export const ContactSchema = z.object({
  id: ContactIdSchema,
  /** E.164 digits without '+', when known. */
  phoneNumber: z.string().max(32).nullable(),
  lid: z.string().max(128).nullable(),
  names: z.array(ContactNameSchema).max(16),
  isGroup: z.boolean(),
  updatedAt: z.number().int(),
});
export type Contact = z.infer<typeof ContactSchema>;
