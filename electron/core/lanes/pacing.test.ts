import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextDelayMs, retryDelay } from './pacing.js';
import type { RetryDecision } from './pacing.js';

const fixed = (r: number) => (): number => r;

describe('nextDelayMs', () => {
  it.each<[string, number, { minMs: number; maxMs: number }, number]>([
    ['rand 0 → min', 0, { minMs: 400, maxMs: 1_500 }, 400],
    ['rand 0.5 → middle', 0.5, { minMs: 400, maxMs: 1_400 }, 900],
    ['rand just below 1 → max', 0.999_999, { minMs: 400, maxMs: 1_500 }, 1_500],
    ['rand 1 (out of contract) stays at max', 1, { minMs: 400, maxMs: 1_500 }, 1_500],
    ['min = max', 0.7, { minMs: 500, maxMs: 500 }, 500],
    ['swapped bounds are tolerated', 0, { minMs: 900, maxMs: 100 }, 100],
    ['NaN rand → min', Number.NaN, { minMs: 400, maxMs: 1_500 }, 400],
  ])('%s', (_name, r, config, expected) => {
    expect(nextDelayMs(fixed(r), config)).toBe(expected);
  });

  it('always lands in [min, max]', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(10_000), fc.nat(10_000), (r, a, b) => {
        const [minMs, maxMs] = a <= b ? [a, b] : [b, a];
        const d = nextDelayMs(fixed(r), { minMs, maxMs });
        expect(d).toBeGreaterThanOrEqual(minMs);
        expect(d).toBeLessThanOrEqual(maxMs);
      }),
    );
  });
});

describe('retryDelay', () => {
  const config = { baseMs: 1_000, maxMs: 16_000, maxAttempts: 6 };
  it.each<[string, number, number, RetryDecision]>([
    ['first failure, rand 0 → half the base', 1, 0, { action: 'retry', delayMs: 500 }],
    ['first failure, rand 1 → the base', 1, 1, { action: 'retry', delayMs: 1_000 }],
    ['third failure doubles twice', 3, 0.5, { action: 'retry', delayMs: 3_000 }],
    ['capped at maxMs', 5, 1, { action: 'retry', delayMs: 16_000 }],
    ['attempt 0 treated as first', 0, 0, { action: 'retry', delayMs: 500 }],
    ['gives up at maxAttempts', 6, 0.5, { action: 'giveUp' }],
    ['gives up past maxAttempts', 60, 0.5, { action: 'giveUp' }],
  ])('%s', (_name, attempt, r, expected) => {
    expect(retryDelay(attempt, fixed(r), config)).toEqual(expected);
  });

  it('never retries immediately and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const d = retryDelay(attempt, fixed(r), { baseMs: 1_000, maxMs: 60_000, maxAttempts: 2_000 });
        expect(d.action).toBe('retry');
        if (d.action === 'retry') {
          expect(d.delayMs).toBeGreaterThanOrEqual(500);
          expect(d.delayMs).toBeLessThanOrEqual(60_000);
        }
      }),
    );
  });
});
