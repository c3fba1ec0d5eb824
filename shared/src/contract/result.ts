import { z } from 'zod';
import { CommandIdSchema } from '../domain/ids.js';

/** The small set of ways a command can be refused. Errors never cross the bridge as exceptions. */
export const ErrorCodeSchema = z.enum([
  'INVALID_INPUT',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'NOT_CONNECTED',
  'ACCOUNT_LOCKED',
  'CONFLICT',
  'UNAUTHORIZED',
  'RATE_LIMITED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const BridgeErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string().max(2000),
});
export type BridgeErrorShape = z.infer<typeof BridgeErrorSchema>;

export type Accepted<T> = { readonly ok: true; readonly commandId: z.infer<typeof CommandIdSchema>; readonly value: T };
export type Rejected = { readonly ok: false; readonly error: BridgeErrorShape };
export type Result<T> = Accepted<T> | Rejected;

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), commandId: CommandIdSchema, value }),
    z.object({ ok: z.literal(false), error: BridgeErrorSchema }),
  ]);
}
