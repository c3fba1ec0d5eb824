// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isJumboEmoji, linkify } from './linkify.js';

describe('linkify', () => {
  it('finds links and leaves trailing punctuation outside', () => {
    expect(linkify('see https://example.com/a?b=1. ok')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. ok' },
    ]);
  });
  it('adds https to www links', () => {
    expect(linkify('www.wa.me')).toEqual([{ kind: 'link', text: 'www.wa.me', href: 'https://www.wa.me' }]);
  });
  it.each([
    ['👍', true],
    ['😂😂😂', true],
    ['😂😂😂😂', false],
    ['ok 👍', false],
    ['123', false],
  ])('isJumboEmoji(%s) = %s', (text, expected) => {
    expect(isJumboEmoji(text)).toBe(expected);
  });
});
