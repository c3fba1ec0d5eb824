import type { AccountId, BridgeApi, EventBatch } from '../../../shared/src/index.js';
import type { StatusSource } from '../bridge/bridgeStatus.js';
import { callWith } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import { APP_STREAM, type InboxDb } from './db.js';
import { type SessionEvent, ingestBatches } from './ingestBatches.js';

/*
 * Keeps the Dexie cache in step with main: live batches and catch-up share one serial lane, so
 * batches are applied strictly in order and never interleave. Live batches that arrive while the
 * lane is busy are coalesced into the next single transaction: under a burst, the cache (and
 * every live query re-run it triggers) keeps up at a cost per transaction, not per message, and
 * an idle app still applies a lone batch at once.
 *
 *   const engine = new SyncEngine(db, bridge, status, { onSession, listAccounts });
 *   engine.start();   // catches every stream up, then applies live batches
 */
export const CATCH_UP_PAGE_LIMIT = 1000;
const RELOAD_CHATS_LIMIT = 500;

export type SyncEngineHooks = {
  /** Session events (connection, sync, accounts, command outcomes) of committed batches. */
  readonly onSession: (events: readonly SessionEvent[]) => void;
  /** Account ids whose streams to catch up, besides 'app' and those already in the cache. */
  readonly knownAccountIds: () => readonly AccountId[];
};

export class SyncEngine {
  readonly #db: InboxDb;
  readonly #bridge: BridgeApi;
  readonly #status: StatusSource;
  readonly #hooks: SyncEngineHooks;
  #lane: Promise<void> = Promise.resolve();
  #unsubscribers: (() => void)[] = [];
  /** Live batches received but not yet applied; a flush for them is queued on the lane. */
  #pending: EventBatch[] = [];

  constructor(db: InboxDb, bridge: BridgeApi, status: StatusSource, hooks: SyncEngineHooks) {
    this.#db = db;
    this.#bridge = bridge;
    this.#status = status;
    this.#hooks = hooks;
  }

  start(): void {
    this.#unsubscribers.push(
      this.#bridge.subscribe((batches) => this.#receive(batches)),
      this.#status.onStatus((status) => {
        if (status === 'open') this.#enqueue(() => this.#catchUpAll());
      }),
    );
    this.#enqueue(() => this.#catchUpAll());
  }

  stop(): void {
    for (const unsubscribe of this.#unsubscribers.splice(0)) unsubscribe();
  }

  /** Resolves once everything queued so far has been applied (used by tests and reloads). */
  whenIdle(): Promise<void> {
    return this.#lane;
  }

  #enqueue(task: () => Promise<void>): void {
    const next = this.#lane.then(task);
    this.#lane = next.catch((err: unknown) => console.error({ err }, 'cache sync task failed'));
    drop(this.#lane);
  }

  #receive(batches: readonly EventBatch[]): void {
    if (batches.length === 0) return;
    const isFlushQueued = this.#pending.length > 0;
    this.#pending.push(...batches);
    // The flush takes whatever has piled up by the time the lane reaches it, in arrival order.
    if (!isFlushQueued) this.#enqueue(() => this.#ingest(this.#pending.splice(0)));
  }

  async #ingest(batches: readonly EventBatch[]): Promise<void> {
    const outcome = await ingestBatches(this.#db, batches);
    if (outcome.sessionEvents.length > 0) this.#hooks.onSession(outcome.sessionEvents);
    for (const accountId of outcome.resets) await this.#reloadAfterReset(accountId);
  }

  async #catchUpAll(): Promise<void> {
    const cachedStreams = (await this.#db.meta.toArray()).map((meta) => meta.stream);
    const streams = new Set<string>([APP_STREAM, ...cachedStreams, ...this.#hooks.knownAccountIds()]);
    for (const stream of streams) await this.#catchUp(stream);
  }

  async #catchUp(stream: string): Promise<void> {
    const accountId = stream === APP_STREAM ? null : (stream as AccountId);
    for (;;) {
      const afterSeq = (await this.#db.meta.get(stream))?.lastSeq ?? 0;
      const result = await callWith(this.#bridge, 'events.catchUp', {
        accountId,
        afterSeq,
        limit: CATCH_UP_PAGE_LIMIT,
      });
      if (!result.ok) {
        console.error({ code: result.error.code, stream }, 'catch-up refused');
        return;
      }
      const outcome = await ingestBatches(this.#db, result.value.batches);
      if (outcome.sessionEvents.length > 0) this.#hooks.onSession(outcome.sessionEvents);
      for (const reset of outcome.resets) await this.#reloadAfterReset(reset);
      if (result.value.isComplete) return;
      // A page that applied nothing would loop forever; main owes us a contiguous page.
      if (outcome.appliedCount === 0) return;
    }
  }

  async #reloadAfterReset(accountId: AccountId | null): Promise<void> {
    const accountIds = accountId === null ? this.#hooks.knownAccountIds() : [accountId];
    for (const id of accountIds) {
      const chats = await callWith(this.#bridge, 'chats.list', {
        accountId: id,
        limit: RELOAD_CHATS_LIMIT,
        beforeActivity: null,
      });
      if (chats.ok) await this.#db.chats.bulkPut(chats.value);
    }
  }
}
