import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { CommandOutbox, OutboxEntry, OutboxLane } from '../../store/index.js';
import type { GapConfig } from '../../lanes/pacing.js';
import { nextDelayMs, retryDelay } from '../../lanes/pacing.js';

/** A command's outcome for the worker: `error` null = done; `isFinal` false = it will be retried. */
export type LaneOutcome = Readonly<{ entry: OutboxEntry; error: unknown; isFinal: boolean }>;

/** Thrown by a handler when the failure must not be retried (bad reference, invalid payload). */
export class PermanentCommandError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentCommandError';
  }
}

export type CommandLanesDeps = Readonly<{
  outbox: CommandOutbox;
  /** Commands run only while the socket is open; otherwise they wait in the outbox. */
  isReady: () => boolean;
  run: (entry: OutboxEntry) => Promise<void>;
  onOutcome: (outcome: LaneOutcome) => void;
  /** True for errors meaning "the socket went away": retried without backoff once reconnected. */
  isNotConnected: (err: unknown) => boolean;
  mediaGap: GapConfig;
  mediaConcurrency: number;
  rand: () => number;
  now: () => number;
  log: Logger;
}>;

/**
 * The account's two lanes over the persisted outbox: `serial` (concurrency 1: sends, reactions,
 * edits, chat actions: their order is what the user sees) and `media` (≤ 2, with a jittered gap
 * so bulk downloads do not burst). Usage: `enqueue` writes go through the outbox first; `kick()`
 * after enqueue and on (re)connect; `stop()` drains what is running.
 */
export class CommandLanes {
  readonly #deps: CommandLanesDeps;
  readonly #queues: Record<OutboxLane, PQueue>;
  #isStopped = false;
  #retryTimer: NodeJS.Timeout | undefined;

  constructor(deps: CommandLanesDeps) {
    this.#deps = deps;
    this.#queues = {
      serial: new PQueue({ concurrency: 1 }),
      media: new PQueue({ concurrency: Math.min(2, Math.max(1, deps.mediaConcurrency)) }),
    };
  }

  kick(): void {
    if (this.#isStopped || !this.#deps.isReady()) return;
    for (const lane of ['serial', 'media'] as const) this.#fill(lane);
  }

  async stop(): Promise<void> {
    this.#isStopped = true;
    clearTimeout(this.#retryTimer);
    await Promise.all(Object.values(this.#queues).map((q) => q.onIdle()));
  }

  #fill(lane: OutboxLane): void {
    const queue = this.#queues[lane];
    while (queue.size + queue.pending < queue.concurrency && this.#deps.isReady() && !this.#isStopped) {
      const entry = this.#deps.outbox.claimNext(lane, this.#deps.now());
      if (entry === undefined) break;
      void queue.add(() => this.#runOne(lane, entry));
    }
  }

  async #runOne(lane: OutboxLane, entry: OutboxEntry): Promise<void> {
    try {
      await this.#deps.run(entry);
      this.#deps.outbox.complete(entry.id);
      this.#deps.onOutcome({ entry, error: null, isFinal: true });
    } catch (err) {
      this.#onFailure(entry, err);
    }
    if (lane === 'media') await sleep(nextDelayMs(this.#deps.rand, this.#deps.mediaGap));
    // Re-fill after the slot is free (p-queue counts this task as pending until it returns).
    setImmediate(() => this.kick());
  }

  #onFailure(entry: OutboxEntry, err: unknown): void {
    const { outbox, now, log } = this.#deps;
    const message = err instanceof Error ? err.message : String(err);
    if (this.#deps.isNotConnected(err)) {
      // Not the command's fault: back to the queue, picked up on the next open.
      outbox.fail(entry.id, message, now());
      return;
    }
    const decision =
      err instanceof PermanentCommandError
        ? ({ action: 'giveUp' } as const)
        : retryDelay(entry.attempts, this.#deps.rand);
    if (decision.action === 'giveUp') {
      outbox.fail(entry.id, message, null);
      log.warn({ commandId: entry.id, name: entry.name, attempts: entry.attempts, err }, 'command failed');
      this.#deps.onOutcome({ entry, error: err, isFinal: true });
      return;
    }
    const retryAt = now() + decision.delayMs;
    outbox.fail(entry.id, message, retryAt);
    this.#deps.onOutcome({ entry, error: err, isFinal: false });
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.kick(), decision.delayMs);
    this.#retryTimer.unref();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
