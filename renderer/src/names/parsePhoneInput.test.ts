// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { countryOfDigits, parsePhoneInput } from './parsePhoneInput.js';

describe('parsePhoneInput', () => {
  it.each([
    ['+49 151 12345678', undefined, '4915112345678'],
    ['0049 151 12345678', undefined, '4915112345678'],
    ['0151 12345678', 'DE', '4915112345678'],
    ['(415) 555-0123', 'US', '14155550123'],
  ] as const)('reads %s (default %s) as %s', (text, country, digits) => {
    expect(parsePhoneInput(text, country)).toMatchObject({ kind: 'valid', digits });
  });

  it('asks for a country code when none can be inferred', () => {
    expect(parsePhoneInput('0151 12345678')).toMatchObject({ kind: 'invalid' });
  });

  it('rejects a number that cannot exist', () => {
    expect(parsePhoneInput('+49 123')).toMatchObject({ kind: 'invalid' });
  });

  it('treats names as names', () => {
    expect(parsePhoneInput('Jonas')).toEqual({ kind: 'notANumber' });
    expect(parsePhoneInput('12')).toEqual({ kind: 'notANumber' });
  });
});

describe('countryOfDigits', () => {
  it('finds the country of an account number', () => {
    expect(countryOfDigits('4915112345678')).toBe('DE');
    expect(countryOfDigits(null)).toBeUndefined();
  });
});
