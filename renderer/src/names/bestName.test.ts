// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ContactName } from '../../../shared/src/index.js';
import { bestName, initialsOf } from './bestName.js';

const number = '4915112345678';

describe('bestName', () => {
  it.each<[string, ContactName[], string | null, string]>([
    [
      'alias beats everything',
      [
        { source: 'pushName', name: 'Pu' },
        { source: 'alias', name: 'Mum' },
        { source: 'phoneBook', name: 'Mother' },
      ],
      number,
      'Mum',
    ],
    [
      'phone book beats business',
      [
        { source: 'business', name: 'ACME' },
        { source: 'phoneBook', name: 'Ann' },
      ],
      number,
      'Ann',
    ],
    [
      'business beats push name',
      [
        { source: 'pushName', name: 'ann' },
        { source: 'business', name: 'ACME' },
      ],
      number,
      'ACME',
    ],
    ['push name beats number', [{ source: 'pushName', name: 'Ann' }], number, 'Ann'],
    ['emoji-only push name shows the number', [{ source: 'pushName', name: '🔥✨' }], number, '+49 1511 2345678'],
    [
      'blank alias is ignored',
      [
        { source: 'alias', name: '  ' },
        { source: 'pushName', name: 'Ann' },
      ],
      number,
      'Ann',
    ],
    ['nothing known', [], null, 'Unknown'],
  ])('%s', (_, names, phoneNumber, expected) => {
    expect(bestName({ names, phoneNumber })).toBe(expected);
  });
});

describe('initialsOf', () => {
  it.each([
    ['Ann Lee', 'AL'],
    ['ann', 'A'],
    ['+49 151', '41'],
    ['🔥', '#'],
  ])('%s → %s', (name, expected) => {
    expect(initialsOf(name)).toBe(expected);
  });
});
