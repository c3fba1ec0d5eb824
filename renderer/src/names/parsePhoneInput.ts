import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

export type PhoneInput =
  | { readonly kind: 'valid'; readonly digits: string; readonly formatted: string }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'notANumber' };

const LOOKS_LIKE_NUMBER = /^[+\d\s().-]{3,}$/;

/** The country of an account's own number, so "0151 …" typed by a German user means +49. */
export function countryOfDigits(digits: string | null): CountryCode | undefined {
  return digits ? parsePhoneNumberFromString(`+${digits}`)?.country : undefined;
}

/** What the new-chat box holds: a number WhatsApp can reach (E.164 digits), a bad number, or a name. */
export function parsePhoneInput(text: string, defaultCountry?: CountryCode): PhoneInput {
  const trimmed = text.trim();
  if (!LOOKS_LIKE_NUMBER.test(trimmed) || !/\d{3}/.test(trimmed.replace(/\D/g, ''))) return { kind: 'notANumber' };
  const international = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const parsed = parsePhoneNumberFromString(international, defaultCountry);
  if (!parsed) return { kind: 'invalid', reason: 'Add the country code, e.g. +49 151 2345678.' };
  if (!parsed.isValid()) return { kind: 'invalid', reason: `${parsed.formatInternational()} is not a valid number.` };
  return { kind: 'valid', digits: parsed.number.slice(1), formatted: parsed.formatInternational() };
}
