import { describe, expect, it } from 'vitest';
import type { ContactName, NameSource } from '../../../shared/src/index.js';
import { bestName, isEmojiOnly } from './bestName.js';

const n = (source: NameSource, name: string): ContactName => ({ source, name });
const NUMBER = '15550000002';
const FORMATTED = '+1 555 000 0002';

describe('bestName', () => {
  it.each<[string, ContactName[], string | null, string, NameSource, boolean]>([
    [
      'alias beats everything',
      [n('pushName', 'p'), n('phoneBook', 'b'), n('alias', 'a'), n('business', 'z')],
      NUMBER,
      'a',
      'alias',
      false,
    ],
    ['phone book beats business', [n('business', 'Biz'), n('phoneBook', 'Ann')], NUMBER, 'Ann', 'phoneBook', false],
    ['business beats push name', [n('pushName', 'annie'), n('business', 'Biz')], NUMBER, 'Biz', 'business', false],
    ['push name beats number', [n('pushName', 'annie')], NUMBER, 'annie', 'pushName', false],
    ['no names → number', [], NUMBER, FORMATTED, 'number', false],
    ['whitespace push name → number', [n('pushName', '   ')], NUMBER, FORMATTED, 'number', false],
    ['blank alias falls through', [n('alias', ''), n('phoneBook', 'Ann')], NUMBER, 'Ann', 'phoneBook', false],
    ['names are trimmed', [n('phoneBook', '  Ann ')], NUMBER, 'Ann', 'phoneBook', false],
    ['emoji-only push name keeps the number beside it', [n('pushName', '🌻')], NUMBER, '🌻', 'pushName', true],
    ['emoji sequence push name', [n('pushName', '👨‍👩‍👧 ✨')], NUMBER, '👨‍👩‍👧 ✨', 'pushName', true],
    [
      'emoji-only phone book name is the user\u2019s own choice',
      [n('phoneBook', '🌻')],
      NUMBER,
      '🌻',
      'phoneBook',
      false,
    ],
    ['emoji with text is a real name', [n('pushName', 'Ann 🌻')], NUMBER, 'Ann 🌻', 'pushName', false],
    ['no number, no names', [], null, 'Unknown', 'number', false],
    ['emoji-only push name without a number', [n('pushName', '🌻')], null, '🌻', 'pushName', false],
  ])('%s', (_name, names, number, name, source, isNumberNeeded) => {
    expect(bestName(names, number)).toMatchObject({ name, source, isNumberNeeded });
  });

  it('returns the formatted number for the UI either way', () => {
    expect(bestName([n('pushName', '🌻')], NUMBER).formattedNumber).toBe(FORMATTED);
  });
});

describe('isEmojiOnly', () => {
  it.each([
    ['🌻', true],
    ['🌻🌻', true],
    ['❤️', true],
    ['👍🏽', true],
    ['🇩🇪', true],
    ['🏴󠁧󠁢󠁳󠁣󠁴󠁿', true],
    ['1️⃣', true],
    ['  ✨  ', true],
    ['Ann', false],
    ['Ann 🌻', false],
    ['123', false],
    ['#', false],
    ['', false],
    ['   ', false],
    ['.', false],
  ])('%j → %s', (name, expected) => {
    expect(isEmojiOnly(name)).toBe(expected);
  });
});
