export const WORKER_RESTART_BASE_DELAY_MS = 500;
export const WORKER_RESTART_MAX_DELAY_MS = 30_000;
/** A worker that stayed up this long is healthy again: its next crash restarts at the base delay. */
export const WORKER_STABLE_AFTER_MS = 10_000;

export type RestartConfig = Readonly<{ baseDelayMs: number; maxDelayMs: number; stableAfterMs: number }>;

export const DEFAULT_RESTART_CONFIG: RestartConfig = {
  baseDelayMs: WORKER_RESTART_BASE_DELAY_MS,
  maxDelayMs: WORKER_RESTART_MAX_DELAY_MS,
  stableAfterMs: WORKER_STABLE_AFTER_MS,
};

// Past this exponent the delay is at the cap anyway; clamping keeps 2^n finite.
const MAX_EXPONENT = 20;

/**
 * Delay before restarting a crashed worker: exponential from the base, capped. No jitter: each
 * account restarts on its own schedule already, and a deterministic delay keeps tests exact.
 * `failures` counts crashes since the worker was last stable (1 for the first crash).
 */
export function restartDelayMs(failures: number, config: RestartConfig = DEFAULT_RESTART_CONFIG): number {
  const exponent = Math.min(Math.max(failures - 1, 0), MAX_EXPONENT);
  return Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** exponent);
}

/** The failure count after a crash: reset when the worker had been up long enough. */
export function nextFailureCount(
  failures: number,
  uptimeMs: number,
  config: RestartConfig = DEFAULT_RESTART_CONFIG,
): number {
  return uptimeMs >= config.stableAfterMs ? 1 : failures + 1;
}
