/**
 * Pacing for the per-account lanes. Bulk media downloads are spaced with jitter so a history sync does
 * not fire hundreds of CDN fetches (and phone re-upload requests) in a burst, which looks like a bot.
 */
export const MEDIA_LANE_MIN_GAP_MS = 400;
export const MEDIA_LANE_MAX_GAP_MS = 1_500;
export const OUTBOX_RETRY_BASE_MS = 2_000;
export const OUTBOX_RETRY_MAX_MS = 5 * 60_000;
export const OUTBOX_MAX_ATTEMPTS = 8;

export type GapConfig = Readonly<{ minMs: number; maxMs: number }>;

export const MEDIA_LANE_GAP: GapConfig = { minMs: MEDIA_LANE_MIN_GAP_MS, maxMs: MEDIA_LANE_MAX_GAP_MS };

/** A gap drawn uniformly from [minMs, maxMs]; `rand` is `Math.random` in production. */
export function nextDelayMs(rand: () => number, config: GapConfig = MEDIA_LANE_GAP): number {
  const min = Math.max(0, Math.min(config.minMs, config.maxMs));
  const max = Math.max(0, config.maxMs, config.minMs);
  return Math.min(max, min + Math.floor(clamp01(rand()) * (max - min + 1)));
}

export type RetryConfig = Readonly<{ baseMs: number; maxMs: number; maxAttempts: number }>;

export const OUTBOX_RETRY: RetryConfig = {
  baseMs: OUTBOX_RETRY_BASE_MS,
  maxMs: OUTBOX_RETRY_MAX_MS,
  maxAttempts: OUTBOX_MAX_ATTEMPTS,
};

export type RetryDecision = Readonly<{ action: 'retry'; delayMs: number }> | Readonly<{ action: 'giveUp' }>;

// Past this exponent base * 2^n is beyond any cap; clamping keeps the arithmetic finite.
const MAX_EXPONENT = 30;

/**
 * Backoff for an outbox command that failed `attempt` times (1 = first failure). "Equal jitter": half
 * the ceiling is fixed so a retry is never immediate, half is random so queued commands of many
 * accounts do not retry in lockstep after a reconnect.
 */
export function retryDelay(attempt: number, rand: () => number, config: RetryConfig = OUTBOX_RETRY): RetryDecision {
  if (attempt >= config.maxAttempts) {
    return { action: 'giveUp' };
  }
  const exponent = Math.min(Math.max(0, Math.floor(attempt) - 1), MAX_EXPONENT);
  const ceiling = Math.min(config.maxMs, config.baseMs * 2 ** exponent);
  const half = ceiling / 2;
  return { action: 'retry', delayMs: Math.floor(half + clamp01(rand()) * half) };
}

function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), 1) : 0;
}
