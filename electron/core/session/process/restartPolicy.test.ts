import { describe, expect, it } from 'vitest';
import { nextFailureCount, restartDelayMs } from './restartPolicy.js';

const config = { baseDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 10_000 };

describe('restartDelayMs', () => {
  it.each([
    [1, 500],
    [2, 1_000],
    [3, 2_000],
    [6, 16_000],
    [7, 30_000],
    [1_000, 30_000],
    [0, 500],
  ])('after %i failures waits %i ms', (failures, expected) => {
    expect(restartDelayMs(failures, config)).toBe(expected);
  });
});

describe('nextFailureCount', () => {
  it.each([
    ['counts a crash during start-up', 0, 200, 1],
    ['keeps counting a crash loop', 4, 9_999, 5],
    ['starts over after a stable run', 4, 10_000, 1],
  ])('%s', (_name, failures, uptimeMs, expected) => {
    expect(nextFailureCount(failures, uptimeMs, config)).toBe(expected);
  });
});
