import { AsYouType, parsePhoneNumberFromString } from 'libphonenumber-js';

export type PairingPhone =
  | { readonly kind: 'empty' }
  | { readonly kind: 'ok'; readonly digits: string; readonly formatted: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * The number of the phone that will link this account. WhatsApp needs it in full international
 * form: the code is sent to that account. Checked for being a *possible* number rather than a
 * known-valid one: numbering plans change faster than the library's metadata, and WhatsApp
 * itself is the final judge.
 */
export function parsePairingPhone(text: string): PairingPhone {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (/[^+\d\s().-]/.test(trimmed)) return { kind: 'invalid', reason: 'Use digits only, e.g. +1 555 000 1000.' };
  const international = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const withPlus = international.startsWith('+') ? international : `+${international}`;
  const parsed = parsePhoneNumberFromString(withPlus);
  if (!parsed?.isPossible()) {
    return { kind: 'invalid', reason: 'Enter the full number with its country code, e.g. +1 555 000 1000.' };
  }
  return { kind: 'ok', digits: parsed.number.slice(1), formatted: parsed.formatInternational() };
}

/** Groups the digits as the user types ("+1 555 000…"); a plus is assumed in front. */
export function formatAsTyped(text: string): string {
  const digits = text.replace(/[^\d+]/g, '');
  if (digits === '') return '';
  return new AsYouType().input(digits.startsWith('+') ? digits : `+${digits}`);
}

/** "ABCD-EFGH": how WhatsApp prints the code, and how the phone's input groups it. */
export function formatPairingCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}
