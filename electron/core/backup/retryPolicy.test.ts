import { describe, expect, it } from 'vitest';
import { fullJitterDelay, withRetry } from './retryPolicy.js';

const sdk = (name: string, status: number): Error =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('fullJitterDelay', () => {
  it.each([
    [0, 0.999, 99],
    [3, 0.5, 400],
    [10, 0.999, 4_995],
    [10, 0, 0],
  ])('attempt %i with draw %f → %i ms (base 100, cap 5 s)', (attempt, draw, expected) => {
    expect(fullJitterDelay(attempt, 100, 5_000, () => draw)).toBe(expected);
  });
});

describe('withRetry', () => {
  const options = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, random: () => 1, sleep: async () => {} };

  it('retries transient failures with growing delays, then succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await withRetry(
      () => {
        calls += 1;
        return calls < 3 ? Promise.reject(sdk('SlowDown', 503)) : Promise.resolve('ok');
      },
      { ...options, onRetry: (i) => delays.push(i.delayMs) },
    );
    expect(result).toBe('ok');
    expect(delays).toEqual([10, 20]);
  });

  it('gives up after maxAttempts and throws the last error', async () => {
    let calls = 0;
    await expect(
      withRetry(() => {
        calls += 1;
        return Promise.reject(sdk('InternalError', 500));
      }, options),
    ).rejects.toThrow('InternalError');
    expect(calls).toBe(4);
  });

  it.each(['InvalidAccessKeyId', 'PreconditionFailed'])('does not retry %s', async (name) => {
    let calls = 0;
    await expect(
      withRetry(() => {
        calls += 1;
        return Promise.reject(sdk(name, name === 'PreconditionFailed' ? 412 : 403));
      }, options),
    ).rejects.toThrow();
    expect(calls).toBe(1);
  });
});
