import { describe, expect, it } from 'vitest';
import type { BackupRunResult } from './BackupEngine.js';
import type { BackupStatus, SchedulerClock } from './BackupScheduler.js';
import { BackupScheduler } from './BackupScheduler.js';

/** A manual clock: timers fire only when the test advances time. */
function fakeClock(): SchedulerClock & { advance: (ms: number) => Promise<void> } {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      nextId += 1;
      timers.push({ at: now + ms, fn, id: nextId });
      return nextId;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    advance: async (ms) => {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        for (let i = 0; i < 10; i += 1) await Promise.resolve();
      }
      now = end;
      for (let i = 0; i < 10; i += 1) await Promise.resolve();
    },
  };
}

const ok: BackupRunResult = {
  isNoop: false,
  segments: 1,
  records: 1,
  uploadedBytes: 1,
  fromSeq: 0,
  toSeq: 1,
  generation: 1,
  conflicts: 0,
  isCompacted: false,
};
const sdk = (name: string, status: number): Error =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

function setup(run: () => Promise<BackupRunResult>) {
  const clock = fakeClock();
  let pending = 0;
  const runs: number[] = [];
  const statuses: BackupStatus[] = [];
  const scheduler = new BackupScheduler({
    run: async () => {
      runs.push(clock.now());
      const result = await run();
      pending = 0;
      return result;
    },
    pendingChanges: () => pending,
    windowMs: 5_000,
    clock,
    random: () => 0.5,
    retryBaseMs: 1_000,
    retryMaxMs: 60_000,
    onStatus: (s) => statuses.push(s),
  });
  const change = (): void => {
    pending += 1;
    scheduler.notifyChanged();
  };
  return { clock, scheduler, runs, statuses, change };
}

describe('BackupScheduler', () => {
  it('runs once per window for a burst of changes, at the end of the window', async () => {
    const { clock, scheduler, runs, change } = setup(() => Promise.resolve(ok));
    for (let i = 0; i < 100; i += 1) {
      change();
      await clock.advance(40); // 100 changes over 4 s
    }
    expect(runs).toEqual([]);
    await clock.advance(1_000);
    expect(runs).toEqual([5_000]);
    expect(scheduler.status).toMatchObject({
      state: 'idle',
      pendingChanges: 0,
      lastSuccessAt: 5_000,
      successfulRuns: 1,
    });
  });

  it('does nothing without changes and at most one run per window under a steady stream', async () => {
    const { clock, runs, change } = setup(() => Promise.resolve(ok));
    await clock.advance(60_000);
    expect(runs).toEqual([]);
    for (let t = 0; t < 60_000; t += 100) {
      change();
      await clock.advance(100);
    }
    await clock.advance(5_000);
    // 60 s of changes every 100 ms with a 5 s window: 12 backups (+1 for the tail).
    expect(runs.length).toBeLessThanOrEqual(13);
    for (let i = 1; i < runs.length; i += 1) expect((runs[i] ?? 0) - (runs[i - 1] ?? 0)).toBeGreaterThanOrEqual(5_000);
  });

  it('never overlaps runs; changes during a run arm the next window', async () => {
    let release: (() => void) | undefined;
    const { clock, runs, change, scheduler } = setup(
      () =>
        new Promise((resolve) => {
          release = () => resolve(ok);
        }),
    );
    change();
    await clock.advance(5_000);
    expect(runs).toEqual([5_000]);
    change();
    change();
    await clock.advance(20_000);
    expect(runs).toEqual([5_000]);
    release?.();
    await clock.advance(0);
    change(); // arrives after the run: still only one more run
    await clock.advance(10_000);
    expect(runs.length).toBe(2);
    release?.();
    await clock.advance(0);
    expect(scheduler.status.state).toBe('idle');
  });

  it('retries transient failures with jittered backoff and shows the error in words', async () => {
    let failures = 2;
    const { clock, runs, change, scheduler } = setup(() => {
      if (failures === 0) return Promise.resolve(ok);
      failures -= 1;
      return Promise.reject(sdk('SlowDown', 503));
    });
    change();
    await clock.advance(5_000);
    expect(scheduler.status).toMatchObject({ state: 'failed', lastError: { code: 'throttled' } });
    expect(scheduler.status.lastError?.message).toMatch(/slow down/i);
    await clock.advance(60_000);
    expect(runs.length).toBe(3);
    expect(scheduler.status).toMatchObject({ state: 'idle', lastError: null });
  });

  it('does not retry permanent failures on its own; the next change tries again', async () => {
    let isBroken = true;
    const { clock, runs, change, scheduler } = setup(() =>
      isBroken ? Promise.reject(sdk('InvalidAccessKeyId', 403)) : Promise.resolve(ok),
    );
    change();
    await clock.advance(5_000);
    await clock.advance(600_000);
    expect(runs.length).toBe(1);
    expect(scheduler.status).toMatchObject({ state: 'failed', lastError: { code: 'badCredentials' } });
    isBroken = false;
    change();
    await clock.advance(5_000);
    expect(runs.length).toBe(2);
    expect(scheduler.status.state).toBe('idle');
  });

  it('runNow skips the window and stop waits for the run under way', async () => {
    const { clock, runs, change, scheduler } = setup(() => Promise.resolve(ok));
    change();
    await scheduler.runNow();
    expect(runs).toEqual([0]);
    await scheduler.stop();
    change();
    await clock.advance(60_000);
    expect(runs).toEqual([0]);
    expect(scheduler.status.state).toBe('stopped');
  });
});
