import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Contact, NameSource } from '../../../shared/src/index.js';

/** The order the UI prefers display names in. */
export const NAME_PRECEDENCE: readonly NameSource[] = ['alias', 'phoneBook', 'business', 'pushName', 'number'];

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** "+49 151 12345678" from E.164 digits; the raw digits when libphonenumber cannot parse them. */
export function formatPhoneNumber(digits: string): string {
  const parsed = parsePhoneNumberFromString(`+${digits.replace(/^\+/, '')}`);
  return parsed?.formatInternational() ?? `+${digits}`;
}

/**
 * Best display name: alias > phone book > business > push name > formatted number.
 * A push name with no letter or digit (e.g. only emoji) identifies nobody, so the number wins.
 */
export function bestName(contact: Pick<Contact, 'names' | 'phoneNumber'> | undefined, fallback = 'Unknown'): string {
  if (!contact) return fallback;
  for (const source of NAME_PRECEDENCE) {
    if (source === 'number') break;
    const name = contact.names.find((candidate) => candidate.source === source)?.name.trim();
    if (!name) continue;
    if (source === 'pushName' && !HAS_LETTER_OR_DIGIT.test(name)) continue;
    return name;
  }
  if (contact.phoneNumber) return formatPhoneNumber(contact.phoneNumber);
  return contact.names.find((candidate) => candidate.source === 'number')?.name ?? fallback;
}

/** Up to two initials for avatars. */
export function initialsOf(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return '#';
  const first = words[0]?.[0] ?? '';
  const second = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + second).toUpperCase();
}
