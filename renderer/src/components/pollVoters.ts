import type { Contact, ContactId } from '../../../shared/src/index.js';
import { bestName, formatPhoneNumber } from '../names/bestName.js';

type VoterContact = Pick<Contact, 'names' | 'phoneNumber'> | undefined;

/**
 * Who voted for an option, in words: "You" for the account itself, else each voter's best name,
 * falling back to the number in the id when the contact is not cached yet.
 */
export function voterNames(
  voters: readonly ContactId[],
  contactOf: (id: ContactId) => VoterContact,
  selfId: string | null,
): string[] {
  return voters.map((id) => {
    if (selfId !== null && id === selfId) return 'You';
    const digits = /^(\d+)@s\.whatsapp\.net$/.exec(id)?.[1];
    return bestName(contactOf(id), digits ? formatPhoneNumber(digits) : 'Unknown');
  });
}

/** The account's own contact id, from its phone number (how the core files the user's votes). */
export function selfContactId(phoneNumber: string | null | undefined): string | null {
  return phoneNumber ? `${phoneNumber}@s.whatsapp.net` : null;
}
