// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RECONNECT_MAX_DELAY_MS, reconnectDelayMs } from './reconnectDelay.js';

describe('reconnectDelayMs', () => {
  it.each([
    [0, 0, 125],
    [0, 1, 250],
    [1, 0, 250],
    [3, 1, 2000],
    [10, 1, RECONNECT_MAX_DELAY_MS],
    [50, 0, RECONNECT_MAX_DELAY_MS / 2],
  ])('attempt %i with jitter %f waits %i ms', (attempt, jitter, expected) => {
    expect(reconnectDelayMs(attempt, () => jitter)).toBe(expected);
  });
});
