import { describe, expect, it } from 'vitest';
import { PairingCodeSchema } from './pairingCode.js';

// The alphabet of Baileys 7.0.0-rc14's bytesToCrockford (lib/Utils/generics.js), which the phone shows.
const BAILEYS_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTVWXYZ';

describe('PairingCodeSchema', () => {
  it('accepts every character Baileys can put in a code', () => {
    for (let i = 0; i < BAILEYS_ALPHABET.length; i += 8) {
      const code = BAILEYS_ALPHABET.slice(i, i + 8);
      expect(PairingCodeSchema.safeParse(code).success, code).toBe(true);
    }
  });

  it('refuses characters outside it, and other lengths', () => {
    for (const code of ['0ABCDEFG', 'IABCDEFG', 'OABCDEFG', 'UABCDEFG', 'abcdefgh', 'ABCD-EFG', 'ABCDEFG', 'ABCDEFGHJ'])
      expect(PairingCodeSchema.safeParse(code).success, code).toBe(false);
  });
});
