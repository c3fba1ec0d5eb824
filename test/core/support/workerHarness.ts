import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WA_CERT_DETAILS } from '@whiskeysockets/baileys';
import pino from 'pino';
import type { AccountId, BridgeEvent, ConnectionState, EventBatch } from '../../../shared/src/index.js';
import { AccountWorker } from '../../../electron/core/session/AccountWorker.js';
import type { AccountWorkerDeps } from '../../../electron/core/session/AccountWorker.js';
import type { SocketOverrides } from '../../../electron/core/session/AccountWorkerApi.js';
import type { WorkerTuning } from '../../../electron/core/session/worker/WorkerTuning.js';
import { staticKeyProvider } from '../../../electron/core/store/index.js';
import { Simulator } from '../../sim/simulator.js';
import type { SimulatorOptions } from '../../sim/simulator.js';
import { quietLibsignal } from '../../sim/testing/quietLibsignal.js';

quietLibsignal();

export const ACCOUNT_ID = 'acc1' as AccountId;
const STORE_KEY = new Uint8Array(32).fill(9);

/** Test timings: short quiet period and media gaps; real reconnect backoff stays jitter-bounded. */
export const TEST_TUNING: Partial<WorkerTuning> = {
  historyQuietMs: 1_500,
  mediaDownloadTimeoutMs: 4_000,
  mediaReuploadTimeoutMs: 1_500,
  mediaGap: { minMs: 10, maxMs: 30 },
  reconnect: { baseDelayMs: 200, maxDelayMs: 1_000 },
  olderHistoryCooldownMs: 500,
};

type Waiter = { pred: (e: BridgeEvent) => boolean; resolve: (e: BridgeEvent) => void; cancel: () => void };

/**
 * A simulator (with media CDN), a temp account dir and a factory for AccountWorkers pointed at
 * them. Every emitted batch is kept with the time it was emitted (= right after its commit).
 */
export class WorkerHarness {
  readonly batches: Array<EventBatch & { emittedAt: number }> = [];
  worker: AccountWorker | undefined;
  #waiters: Waiter[] = [];

  private constructor(
    readonly sim: Simulator,
    readonly profileDir: string,
    readonly accountDir: string,
    readonly tuning: Partial<WorkerTuning>,
    readonly socket: SocketOverrides,
  ) {}

  static async start(
    opts: Readonly<{ sim?: SimulatorOptions; tuning?: Partial<WorkerTuning>; socket?: SocketOverrides }> = {},
  ): Promise<WorkerHarness> {
    const sim = await Simulator.start({ media: true, ...opts.sim });
    // The test-only trust hook: Baileys reads the root at handshake time from this mutable export.
    WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(sim.trustRoot);
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-worker-'));
    const accountDir = path.join(profileDir, ACCOUNT_ID);
    fs.mkdirSync(accountDir);
    return new WorkerHarness(sim, profileDir, accountDir, { ...TEST_TUNING, ...opts.tuning }, opts.socket ?? {});
  }

  get cdn() {
    const media = this.sim.media;
    if (!media) throw new Error('simulator started without media');
    return media.cdn;
  }

  events(): BridgeEvent[] {
    return this.batches.flatMap((b) => b.events);
  }

  /** A new worker on the same account dir (a restart), started. */
  async startWorker(overrides: Partial<AccountWorkerDeps> = {}): Promise<AccountWorker> {
    const cdn = this.cdn;
    const worker = new AccountWorker(
      { accountId: ACCOUNT_ID, label: 'Test', accountDir: this.accountDir },
      {
        log: pino({ level: process.env.WA_TEST_LOG ?? 'silent' }),
        keyProvider: staticKeyProvider(STORE_KEY),
        emit: (batch) => this.#onBatch(batch),
        socketOverrides: {
          waWebSocketUrl: this.sim.wsUrl,
          fetchDispatcher: cdn.dispatcher,
          uploadAgent: cdn.httpsAgent,
          defaultQueryTimeoutMs: 5000,
          ...this.socket,
        },
        tuning: this.tuning,
        ...overrides,
      },
    );
    this.worker = worker;
    await worker.start();
    return worker;
  }

  waitForEvent(pred: (e: BridgeEvent) => boolean, timeoutMs = 10_000, includePast = false): Promise<BridgeEvent> {
    if (includePast) {
      const hit = this.events().find(pred);
      if (hit) return Promise.resolve(hit);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        pred,
        resolve: (e) => (clearTimeout(timer), resolve(e)),
        // Teardown: no timer outlives the test (its rejection would surface in the next one).
        cancel: () => clearTimeout(timer),
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  async waitForConnection(
    kind: ConnectionState['kind'],
    timeoutMs = 10_000,
    includePast = false,
  ): Promise<ConnectionState> {
    const e = await this.waitForEvent(
      (x) => x.type === 'connection.changed' && x.state.kind === kind,
      timeoutMs,
      includePast,
    );
    if (e.type !== 'connection.changed') throw new Error('unreachable');
    return e.state;
  }

  connectionStates(): ConnectionState[] {
    return this.events().flatMap((e) => (e.type === 'connection.changed' ? [e.state] : []));
  }

  /** Starts a fresh worker, scans its first QR with the phone, waits for open. */
  async pairNewWorker(): Promise<AccountWorker> {
    const qr = this.waitForConnection('qr');
    const open = this.waitForConnection('open', 20_000);
    const worker = await this.startWorker();
    const state = await qr;
    if (state.kind !== 'qr') throw new Error('unreachable');
    await this.sim.phone.scanQR(state.qr);
    await open;
    return worker;
  }

  async teardown(): Promise<void> {
    for (const w of this.#waiters.splice(0)) w.cancel();
    await this.worker?.stop().catch(() => undefined);
    await this.sim.stop();
    fs.rmSync(this.profileDir, { recursive: true, force: true });
  }

  #onBatch(batch: EventBatch): void {
    this.batches.push({ ...batch, emittedAt: Date.now() });
    for (const event of batch.events) {
      const hits = this.#waiters.filter((w) => w.pred(event));
      this.#waiters = this.#waiters.filter((w) => !hits.includes(w));
      for (const w of hits) w.resolve(event);
    }
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('eventually: condition not met in time');
    await sleep(25);
  }
}
