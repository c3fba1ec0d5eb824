import path from 'node:path';
import type { Logger } from 'pino';
import type { ConnectionState } from '../../../../shared/src/index.js';
import { BridgeError } from '../../bridge/BridgeError.js';
import type { MethodArgs, MethodResult, WorkerMethod } from '../rpc.js';
import type { WorkerExit, WorkerProcess } from '../WorkerProcess.js';
import type { RestartConfig } from './restartPolicy.js';
import { DEFAULT_RESTART_CONFIG, nextFailureCount, restartDelayMs } from './restartPolicy.js';

export type SupervisorState = 'stopped' | 'starting' | 'ready' | 'backoff' | 'locked';

export type WorkerSupervisorOptions = {
  readonly accountDir: string;
  /** Spawns one incarnation; the supervisor owns its lifetime from then on. */
  readonly spawn: () => WorkerProcess;
  readonly log: Logger;
  readonly restart?: RestartConfig;
  /** How long a call waits for a (re)starting worker before giving up. */
  readonly waitReadyMs?: number;
  readonly now?: () => number;
  readonly onReady: () => void;
  /** The worker is gone and will (or will not) come back; published as `connection.changed`. */
  readonly onDown: (state: ConnectionState) => void;
};

export const LOCKED_MESSAGE = 'This account is open in another window';
const DEFAULT_WAIT_READY_MS = 30_000;

// In-process guard: one live worker per account directory, whatever creates supervisors. The
// account lock guards across processes; this catches a second manager in the same process.
const liveAccountDirs = new Set<string>();

type Waiter = { readonly resolve: (worker: WorkerProcess) => void; readonly reject: (err: Error) => void };

/**
 * Keeps one account's worker process alive: start, restart after a crash with backoff, stop.
 * A locked account (another instance holds it) is not retried until `retryNow()`.
 *
 * Usage: `const s = new WorkerSupervisor({...}); s.start(); await s.call('listChats', input);
 * await s.stop();`
 */
export class WorkerSupervisor {
  readonly #options: WorkerSupervisorOptions;
  readonly #dir: string;
  readonly #restart: RestartConfig;
  readonly #now: () => number;
  #state: SupervisorState = 'stopped';
  #current: WorkerProcess | null = null;
  #startedAt = 0;
  #failures = 0;
  #timer: NodeJS.Timeout | null = null;
  #waiters: Waiter[] = [];

  constructor(options: WorkerSupervisorOptions) {
    this.#options = options;
    this.#dir = path.resolve(options.accountDir);
    this.#restart = options.restart ?? DEFAULT_RESTART_CONFIG;
    this.#now = options.now ?? Date.now;
  }

  get state(): SupervisorState {
    return this.#state;
  }

  /** The live worker's pid (tests kill it to simulate a crash). */
  get pid(): number | undefined {
    return this.#current?.pid;
  }

  start(): void {
    if (this.#state !== 'stopped') return;
    this.#spawn();
  }

  /** After ACCOUNT_LOCKED: try again (the other window may have closed). */
  retryNow(): void {
    if (this.#state !== 'locked') return;
    this.#spawn();
  }

  async call<K extends WorkerMethod>(method: K, ...args: MethodArgs<K>): Promise<MethodResult<K>> {
    const worker = await this.#readyWorker();
    return worker.call(method, ...args);
  }

  async stop(): Promise<void> {
    this.#state = 'stopped';
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#rejectWaiters(new BridgeError('NOT_CONNECTED', 'the account is stopping'));
    const current = this.#current;
    if (current) await current.stop();
  }

  #spawn(): void {
    // Invariant: the previous incarnation has exited (its exit handler cleared #current).
    if (this.#current || liveAccountDirs.has(this.#dir)) {
      throw new Error('refusing to start a second worker for one account');
    }
    liveAccountDirs.add(this.#dir);
    this.#state = 'starting';
    this.#startedAt = this.#now();
    const worker = this.#options.spawn();
    this.#current = worker;
    worker.ready.then(
      () => {
        if (this.#current !== worker || this.#state !== 'starting') return;
        this.#state = 'ready';
        for (const waiter of this.#waiters.splice(0)) waiter.resolve(worker);
        this.#options.onReady();
      },
      () => {}, // the exit handler below decides what a failed start means
    );
    void worker.exited.then((exit) => this.#onExit(worker, exit));
  }

  #onExit(worker: WorkerProcess, exit: WorkerExit): void {
    if (this.#current !== worker) return;
    this.#current = null;
    liveAccountDirs.delete(this.#dir);
    const log = this.#options.log;
    if (this.#state === 'stopped') {
      log.info({ code: exit.code, signal: exit.signal }, 'account worker stopped');
      return;
    }
    if (exit.fatal?.code === 'ACCOUNT_LOCKED') {
      this.#state = 'locked';
      log.warn('account is locked by another instance');
      this.#rejectWaiters(new BridgeError('ACCOUNT_LOCKED', LOCKED_MESSAGE));
      this.#options.onDown({ kind: 'closed', reason: 'lockedByOtherInstance', message: LOCKED_MESSAGE });
      return;
    }
    const uptimeMs = this.#now() - this.#startedAt;
    this.#failures = nextFailureCount(this.#failures, uptimeMs, this.#restart);
    const delayMs = restartDelayMs(this.#failures, this.#restart);
    log.warn(
      {
        code: exit.code,
        signal: exit.signal,
        fatal: exit.fatal?.code ?? null,
        uptimeMs,
        delayMs,
        failures: this.#failures,
      },
      'account worker exited unexpectedly; restarting',
    );
    this.#state = 'backoff';
    this.#options.onDown({
      kind: 'closed',
      reason: 'transient',
      message: 'The account worker stopped unexpectedly and is restarting',
      retryAt: this.#now() + delayMs,
    });
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#state === 'backoff') this.#spawn();
    }, delayMs);
  }

  #readyWorker(): Promise<WorkerProcess> {
    const current = this.#current;
    if (this.#state === 'ready' && current?.isReady) return Promise.resolve(current);
    if (this.#state === 'locked') return Promise.reject(new BridgeError('ACCOUNT_LOCKED', LOCKED_MESSAGE));
    if (this.#state === 'stopped')
      return Promise.reject(new BridgeError('NOT_CONNECTED', 'the account is not running'));
    return new Promise<WorkerProcess>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new BridgeError('NOT_CONNECTED', 'the account worker is restarting; try again'));
      }, this.#options.waitReadyMs ?? DEFAULT_WAIT_READY_MS);
      const waiter: Waiter = {
        resolve: (worker) => (clearTimeout(timer), resolve(worker)),
        reject: (err) => (clearTimeout(timer), reject(err)),
      };
      this.#waiters.push(waiter);
    });
  }

  #rejectWaiters(err: Error): void {
    for (const waiter of this.#waiters.splice(0)) waiter.reject(err);
  }
}
