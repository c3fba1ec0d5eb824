import type { Logger } from 'pino';
import type { EventBatch } from '../../../shared/src/index.js';
import { BridgeError } from '../bridge/BridgeError.js';
import { missingCaseError } from '../util/missingCaseError.js';
import type { ChildLike, WorkerSpawner } from './process/WorkerSpawner.js';
import type { WorkerLaunch } from './process/workerLaunch.js';
import { launchEnv } from './process/workerLaunch.js';
import type { ChildMessage, MethodArgs, MethodResult, WireError, WorkerMethod } from './rpc.js';
import { DEFAULT_CALL_TIMEOUT_MS, fromWireError, isChildMessage, RpcClient } from './rpc.js';

export const WORKER_START_TIMEOUT_MS = 60_000;
export const WORKER_STOP_TIMEOUT_MS = 10_000;

export type WorkerExit = {
  readonly code: number | null;
  readonly signal: string | null;
  /** What the child reported before dying, if it did (e.g. ACCOUNT_LOCKED, a store that won't open). */
  readonly fatal: WireError | null;
  /** True when the parent asked for it (stop or kill); false for a crash. */
  readonly isRequested: boolean;
};

export type WorkerProcessOptions = {
  readonly spawner: WorkerSpawner;
  readonly script: string;
  readonly launch: WorkerLaunch;
  /** Sent over IPC right after spawn when set (the Electron safeStorage key); never via env. */
  readonly key?: Uint8Array;
  readonly env?: Readonly<Record<string, string>>;
  readonly log: Logger;
  readonly onBatch: (batch: EventBatch) => void;
  readonly callTimeoutMs?: number;
  readonly startTimeoutMs?: number;
};

/**
 * One incarnation of one account's worker process: spawn, wait for `ready`, typed calls, and
 * exactly one `exited` outcome. It never restarts itself: `WorkerSupervisor` decides that.
 *
 * Usage:
 *   const worker = WorkerProcess.spawn({ spawner, script, launch, log, onBatch });
 *   await worker.ready;                       // rejects if the child dies or reports fatal first
 *   const chats = await worker.call('listChats', input);
 *   await worker.stop();                      // graceful, then SIGKILL after a timeout
 */
export class WorkerProcess {
  readonly ready: Promise<void>;
  readonly exited: Promise<WorkerExit>;
  readonly #child: ChildLike;
  readonly #rpc: RpcClient;
  readonly #log: Logger;
  #fatal: WireError | null = null;
  #isRequested = false;
  #isReady = false;
  #hasExited = false;

  private constructor(options: WorkerProcessOptions) {
    this.#log = options.log;
    this.#child = options.spawner(options.script, [], { ...options.env, ...launchEnv(options.launch) });
    this.#rpc = new RpcClient((message) => this.#child.send(message), options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);

    let markReady: () => void = () => {};
    let failStart: (err: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    // Observed here so an unawaited `ready` never becomes an unhandled rejection.
    this.ready.catch(() => {});
    const startTimer = setTimeout(() => {
      this.#log.error({ pid: this.pid }, 'account worker did not become ready in time; killing it');
      failStart(new BridgeError('NOT_CONNECTED', 'the account worker did not start in time'));
      this.#child.kill('SIGKILL');
    }, options.startTimeoutMs ?? WORKER_START_TIMEOUT_MS);

    this.exited = new Promise<WorkerExit>((resolve) => {
      this.#child.onExit((code, signal) => {
        this.#hasExited = true;
        clearTimeout(startTimer);
        const exit: WorkerExit = { code, signal, fatal: this.#fatal, isRequested: this.#isRequested };
        this.#rpc.failAll(new BridgeError('NOT_CONNECTED', 'the account worker stopped; try again'));
        failStart(
          this.#fatal ? fromWireError(this.#fatal) : new BridgeError('NOT_CONNECTED', 'the account worker exited'),
        );
        resolve(exit);
      });
    });

    this.#child.onMessage((message) => {
      if (!isChildMessage(message)) {
        this.#log.warn({ pid: this.pid }, 'ignored a malformed message from the account worker');
        return;
      }
      this.#handle(message, options, () => {
        this.#isReady = true;
        clearTimeout(startTimer);
        markReady();
      });
    });

    if (options.key) this.#child.send({ t: 'key', key: Buffer.from(options.key).toString('base64') });
  }

  static spawn(options: WorkerProcessOptions): WorkerProcess {
    return new WorkerProcess(options);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get isReady(): boolean {
    return this.#isReady && !this.#hasExited;
  }

  get hasExited(): boolean {
    return this.#hasExited;
  }

  call<K extends WorkerMethod>(method: K, ...args: MethodArgs<K>): Promise<MethodResult<K>> {
    if (this.#hasExited) return Promise.reject(new BridgeError('NOT_CONNECTED', 'the account worker is not running'));
    return this.#rpc.call(method, ...args);
  }

  /** Asks the worker to drain and exit; kills it if it has not exited after `timeoutMs`. */
  async stop(timeoutMs: number = WORKER_STOP_TIMEOUT_MS): Promise<WorkerExit> {
    this.#isRequested = true;
    if (this.#hasExited) return this.exited;
    const killTimer = setTimeout(() => {
      this.#log.warn({ pid: this.pid }, 'account worker did not stop in time; killing it');
      this.#child.kill('SIGKILL');
    }, timeoutMs);
    if (this.#isReady) {
      // The child exits by itself after answering stop; a failure here changes nothing.
      this.#rpc.call('stop').catch(() => this.#child.kill('SIGTERM'));
    } else {
      this.#child.kill('SIGTERM');
    }
    const exit = await this.exited;
    clearTimeout(killTimer);
    return exit;
  }

  /** Immediate and unconditional (tests, and a worker that stopped answering). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.#isRequested = true;
    this.#child.kill(signal);
  }

  #handle(message: ChildMessage, options: WorkerProcessOptions, onReady: () => void): void {
    switch (message.t) {
      case 'return':
        this.#rpc.settle(message);
        return;
      case 'batch':
        options.onBatch(message.batch);
        return;
      case 'ready':
        onReady();
        return;
      case 'fatal':
        this.#fatal = message.error;
        this.#log.error({ pid: this.pid, code: message.error.code }, 'account worker reported a fatal error');
        return;
      default:
        throw missingCaseError(message);
    }
  }
}
