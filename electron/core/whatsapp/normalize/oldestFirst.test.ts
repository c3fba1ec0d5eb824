import { describe, expect, it } from 'vitest';
import { oldestFirst } from './oldestFirst.js';

const at = (id: string, messageTimestamp: number | null) => ({ id, messageTimestamp });

describe('oldestFirst', () => {
  it.each([
    { name: 'a newest-first conversation is reversed', input: [at('c', 3), at('b', 2), at('a', 1)], want: 'abc' },
    { name: 'already oldest first stays', input: [at('a', 1), at('b', 2), at('c', 3)], want: 'abc' },
    {
      name: 'a burst within one second keeps its send order (listed newest first)',
      input: [at('d', 6), at('c', 5), at('b', 5), at('a', 5)],
      want: 'abcd',
    },
    {
      name: 'interleaved conversations are ordered by time',
      input: [at('y2', 4), at('y1', 2), at('x2', 3), at('x1', 1)],
      want: 'x1y1x2y2',
    },
    { name: 'a missing timestamp sorts first', input: [at('b', 1), at('a', null)], want: 'ab' },
  ])('$name', ({ input, want }) => {
    expect(
      oldestFirst(input)
        .map((m) => m.id)
        .join(''),
    ).toBe(want);
  });
});
