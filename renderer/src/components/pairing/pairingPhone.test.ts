import { describe, expect, it } from 'vitest';
import { formatAsTyped, formatPairingCode, parsePairingPhone } from './pairingPhone.js';

describe('parsePairingPhone', () => {
  it.each([
    ['+1 555 000 1000', '15550001000', '+1 555 000 1000'],
    ['15550001000', '15550001000', '+1 555 000 1000'],
    ['0049 1512 3456789', '4915123456789', '+49 1512 3456789'],
    ['+55 (11) 99999-0001', '5511999990001', '+55 11 99999 0001'],
  ])('reads %s as E.164 digits', (text, digits, formatted) => {
    expect(parsePairingPhone(text)).toEqual({ kind: 'ok', digits, formatted });
  });

  it.each([['12'], ['+1 555'], ['call me'], ['+999 123 456 789']])('explains what is wrong with %s', (text) => {
    const parsed = parsePairingPhone(text);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.reason).toMatch(/country code|digits only/);
  });

  it('treats blank input as empty, not as an error', () => {
    expect(parsePairingPhone('   ')).toEqual({ kind: 'empty' });
  });
});

describe('formatAsTyped', () => {
  it('groups digits with a plus in front while typing', () => {
    expect(formatAsTyped('1555')).toBe('+1 555');
    expect(formatAsTyped('+4915123456789')).toBe('+49 1512 3456789');
    expect(formatAsTyped('')).toBe('');
  });
});

describe('formatPairingCode', () => {
  it('splits the 8 characters in two groups of four', () => {
    expect(formatPairingCode('ABCD2345')).toBe('ABCD-2345');
  });
});
