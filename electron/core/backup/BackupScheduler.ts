import type { Logger } from 'pino';
import { drop } from '../util/drop.js';
import type { BackupRunResult } from './BackupEngine.js';
import type { ClassifiedError } from './classifyS3Error.js';
import { classifyS3Error, loggableS3Error } from './classifyS3Error.js';
import { fullJitterDelay } from './retryPolicy.js';

export type BackupState = 'idle' | 'scheduled' | 'running' | 'retrying' | 'failed' | 'stopped';

/** What the settings screen shows; the lead turns `onStatus` into a bridge event. */
export type BackupStatus = Readonly<{
  state: BackupState;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  nextRunAt: number | null;
  pendingChanges: number;
  /** In words, for the user; `null` once a backup succeeds again. */
  lastError: Readonly<{ code: ClassifiedError['code']; message: string; at: number }> | null;
  successfulRuns: number;
}>;

export type SchedulerClock = Readonly<{
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}>;

export const realClock: SchedulerClock = {
  now: Date.now,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type BackupSchedulerOptions = Readonly<{
  run: () => Promise<BackupRunResult>;
  /** Change-log positions not yet backed up (e.g. `() => engine.pendingChanges(store.currentSeq())`). */
  pendingChanges: () => number;
  windowMs: number;
  clock?: SchedulerClock;
  random?: () => number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  onStatus?: (status: BackupStatus) => void;
  logger?: Logger;
  /** When the last backup succeeded in an earlier run of the app (shown until the next one). */
  lastSuccessAt?: number | null;
}>;

/**
 * Usage: `const s = new BackupScheduler({...}); store batches → s.notifyChanged(); s.status;
 * await s.stop()` on shutdown.
 *
 * Throttle: the first change after a backup arms one timer for the end of the window (at least
 * `windowMs` after the previous start), so a burst of changes becomes one backup. Runs never
 * overlap; changes during a run arm the next window. Transient S3 failures re-arm with full
 * jitter backoff; permanent ones (credentials, bucket, key) wait for the next change or
 * `runNow()` so a misconfiguration does not hammer the endpoint.
 */
export class BackupScheduler {
  readonly #o: BackupSchedulerOptions;
  readonly #clock: SchedulerClock;
  #timer: unknown = null;
  #running: Promise<void> | null = null;
  #lastStartedAt = Number.NEGATIVE_INFINITY;
  #failures = 0;
  #isStopped = false;
  #status: BackupStatus;

  constructor(options: BackupSchedulerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? realClock;
    this.#status = {
      state: 'idle',
      lastSuccessAt: options.lastSuccessAt ?? null,
      lastAttemptAt: null,
      nextRunAt: null,
      pendingChanges: 0,
      lastError: null,
      successfulRuns: 0,
    };
  }

  get status(): BackupStatus {
    return this.#status;
  }

  /** Call after each persisted batch; cheap (no I/O). */
  notifyChanged(): void {
    if (this.#isStopped) return;
    this.#update({ pendingChanges: this.#o.pendingChanges() });
    if (this.#running !== null || this.#timer !== null) return;
    this.#arm(Math.max(this.#clock.now() + this.#o.windowMs, this.#lastStartedAt + this.#o.windowMs));
  }

  /** A transient error inside a run that is being retried right now (shown, not fatal). */
  reportRetry(error: ClassifiedError): void {
    this.#update({ state: 'retrying', lastError: { code: error.code, message: error.message, at: this.#clock.now() } });
  }

  /** "Back up now": skips the window; joins a run already under way. */
  async runNow(): Promise<void> {
    if (this.#isStopped) return;
    if (this.#running !== null) return this.#running;
    this.#disarm();
    return this.#start();
  }

  async stop(): Promise<void> {
    this.#isStopped = true;
    this.#disarm();
    await this.#running;
    this.#update({ state: 'stopped', nextRunAt: null });
  }

  #arm(at: number): void {
    this.#disarm();
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = null;
        drop(this.#start());
      },
      Math.max(0, at - this.#clock.now()),
    );
    this.#update({ state: this.#status.state === 'failed' ? 'failed' : 'scheduled', nextRunAt: at });
  }

  #disarm(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #start(): Promise<void> {
    this.#running = this.#runGuarded().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #runGuarded(): Promise<void> {
    const startedAt = this.#clock.now();
    this.#lastStartedAt = startedAt;
    this.#update({ state: 'running', lastAttemptAt: startedAt, nextRunAt: null });
    try {
      const result = await this.#o.run();
      this.#failures = 0;
      this.#update({
        state: 'idle',
        lastSuccessAt: this.#clock.now(),
        lastError: null,
        successfulRuns: this.#status.successfulRuns + (result.isNoop ? 0 : 1),
        pendingChanges: this.#o.pendingChanges(),
      });
      this.#o.logger?.info(
        { records: result.records, bytes: result.uploadedBytes, conflicts: result.conflicts },
        'backup done',
      );
      if (!this.#isStopped && this.#status.pendingChanges > 0) this.#arm(startedAt + this.#o.windowMs);
    } catch (err) {
      const error = classifyS3Error(err);
      this.#failures += 1;
      this.#o.logger?.warn({ err: loggableS3Error(err), code: error.code, failures: this.#failures }, 'backup failed');
      this.#update({
        state: 'failed',
        lastError: { code: error.code, message: error.message, at: this.#clock.now() },
        pendingChanges: this.#o.pendingChanges(),
      });
      if (this.#isStopped || !error.isRetryable) return;
      const backoff = fullJitterDelay(
        this.#failures,
        this.#o.retryBaseMs ?? 1_000,
        this.#o.retryMaxMs ?? 5 * 60_000,
        this.#o.random,
      );
      this.#arm(Math.max(startedAt + this.#o.windowMs, this.#clock.now() + backoff));
    }
  }

  #update(patch: Partial<BackupStatus>): void {
    this.#status = { ...this.#status, ...patch };
    this.#o.onStatus?.(this.#status);
  }
}
