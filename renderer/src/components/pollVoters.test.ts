import { describe, expect, it } from 'vitest';
import type { Contact, ContactId } from '../../../shared/src/index.js';
import { formatPhoneNumber } from '../names/bestName.js';
import { selfContactId, voterNames } from './pollVoters.js';

const ANA = '4915112345678@s.whatsapp.net' as ContactId;
const BO = '4915187654321@s.whatsapp.net' as ContactId;
const ME = '4917600000000@s.whatsapp.net' as ContactId;
const ana: Pick<Contact, 'names' | 'phoneNumber'> = {
  names: [
    { source: 'pushName', name: 'Ana P' },
    { source: 'alias', name: 'Ana (work)' },
  ],
  phoneNumber: '4915112345678',
};

describe('voterNames', () => {
  it('names voters by their best name, the user as "You", unknown ones by number', () => {
    const contactOf = (id: ContactId) => (id === ANA ? ana : undefined);
    expect(voterNames([ANA, ME, BO], contactOf, selfContactId('4917600000000'))).toEqual([
      'Ana (work)',
      'You',
      formatPhoneNumber('4915187654321'),
    ]);
  });

  it('without a known own number nobody is "You"', () => {
    expect(voterNames([ME], () => undefined, selfContactId(null))).toEqual([formatPhoneNumber('4917600000000')]);
  });
});
