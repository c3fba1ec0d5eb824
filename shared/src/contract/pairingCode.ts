import { z } from 'zod';

/*
 * Linking by phone number instead of a QR scan: the app asks WhatsApp for an 8-character code and
 * the user types it on the phone (Linked devices → Link with phone number instead).
 */

/** E.164 without the plus: country code first, 7 to 15 digits in all, never a leading 0. */
export const E164_DIGITS = /^[1-9]\d{6,14}$/;

export const PairingPhoneNumberSchema = z
  .string()
  .max(32)
  .regex(E164_DIGITS, 'enter the full number with its country code, digits only (E.164), e.g. 15550001000');

/**
 * What WhatsApp hands out: 8 characters of the alphabet Baileys encodes with
 * (`123456789ABCDEFGHJKLMNPQRSTVWXYZ`: no 0, I, O or U; L is in it).
 */
export const PairingCodeSchema = z.string().regex(/^[1-9A-HJ-NP-TV-Z]{8}$/);

export const PairingCodeIssuedSchema = z.object({
  code: PairingCodeSchema,
  /** After this the phone no longer accepts the code (the socket's pairing window ended). */
  expiresAt: z.number().int(),
});
export type PairingCodeIssued = z.infer<typeof PairingCodeIssuedSchema>;
