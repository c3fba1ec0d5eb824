import { z } from 'zod';
import { ConnectionStateSchema } from './connection.js';
import { AccountIdSchema } from './ids.js';
import { SyncStatusSchema } from './sync.js';

export const AccountSchema = z.object({
  id: AccountIdSchema,
  label: z.string().max(128),
  /** E.164 digits, known once paired. */
  phoneNumber: z.string().max(32).nullable(),
  pushName: z.string().max(512).nullable(),
  connection: ConnectionStateSchema,
  sync: SyncStatusSchema,
});
export type Account = z.infer<typeof AccountSchema>;
