import { classifyS3Error } from './classifyS3Error.js';
import type { ClassifiedError } from './classifyS3Error.js';

export type RetryOptions = Readonly<{
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: Readonly<{ attempt: number; delayMs: number; error: ClassifiedError }>) => void;
}>;

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 20_000 };

/**
 * "Full jitter" (AWS architecture blog, Exponential Backoff and Jitter): a uniform draw in
 * [0, min(cap, base·2^attempt)). Spreads retries of many clients instead of synchronising them
 * into waves against a throttled endpoint.
 */
export function fullJitterDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn`, retrying transient S3 failures (5xx, SlowDown, timeouts, drops); others throw at once. */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = DEFAULT_RETRY,
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fn(attempt);
    } catch (err) {
      const error = classifyS3Error(err);
      // A 412 is not transient: the caller must re-read before writing again.
      const isRetryable = error.isRetryable && error.code !== 'preconditionFailed';
      if (!isRetryable || attempt + 1 >= options.maxAttempts) throw err;
      const delayMs = fullJitterDelay(attempt, options.baseDelayMs, options.maxDelayMs, options.random);
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs);
    }
  }
}
