/** Reconnect pacing for the browser-mode WebSocket: exponential with full jitter, capped. */
export const RECONNECT_BASE_DELAY_MS = 250;
export const RECONNECT_MAX_DELAY_MS = 10_000;

/**
 * Delay before reconnect attempt `attempt` (0-based). `random` is injected so tests are exact;
 * jitter keeps many windows from hammering a restarted main process in lockstep.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_BASE_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
