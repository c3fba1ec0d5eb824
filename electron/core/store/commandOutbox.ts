import { parseJson } from './rowMappers.js';
import type { StoreDatabase } from './storeDatabase.js';
import { StoreCorruptError } from './errors.js';

export type OutboxLane = 'serial' | 'media';
export type OutboxState = 'queued' | 'running' | 'done' | 'failed';

export type OutboxEntry = Readonly<{
  id: string;
  lane: OutboxLane;
  name: string;
  payload: unknown;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  updatedAt: number;
  error: string | null;
  /** The WhatsApp message id this command sends; fixed before the first attempt. */
  clientMessageId: string | null;
}>;

export type EnqueueInput = Readonly<{
  id: string;
  lane: OutboxLane;
  name: string;
  payload: unknown;
  clientMessageId?: string | null;
  nextAttemptAt?: number;
}>;

type OutboxRow = {
  id: string;
  lane: string;
  name: string;
  payload_json: string;
  state: string;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  updated_at: number;
  error: string | null;
  client_message_id: string | null;
};

const LANES: readonly string[] = ['serial', 'media'];
const STATES: readonly string[] = ['queued', 'running', 'done', 'failed'];

function entryFromRow(row: OutboxRow): OutboxEntry {
  if (!LANES.includes(row.lane) || !STATES.includes(row.state))
    throw new StoreCorruptError('outbox row has an unknown lane or state');
  return {
    id: row.id,
    lane: row.lane as OutboxLane,
    name: row.name,
    payload: parseJson(row.payload_json, 'outbox payload'),
    state: row.state as OutboxState,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    error: row.error,
    clientMessageId: row.client_message_id,
  };
}

/**
 * Durable command queue. Usage: `enqueue` when the command is accepted; on start
 * `requeueInterrupted()` (a crash leaves `running` rows); a lane worker loops
 * `claimNext(lane, now)` → send → `complete(id)` or `fail(id, error, retryAt)`.
 * Payload validation is the caller's: it re-parses `payload` with the command's schema.
 */
export class CommandOutbox {
  readonly #db: StoreDatabase;
  readonly #now: () => number;

  constructor(db: StoreDatabase, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  enqueue(input: EnqueueInput): OutboxEntry {
    const now = this.#now();
    this.#db
      .stmt(
        `INSERT INTO outbox (id, lane, name, payload_json, state, attempts, next_attempt_at, created_at, updated_at, client_message_id)
         VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?)`,
      )
      .run(
        input.id,
        input.lane,
        input.name,
        JSON.stringify(input.payload ?? null),
        input.nextAttemptAt ?? now,
        now,
        now,
        input.clientMessageId ?? null,
      );
    return this.#require(input.id);
  }

  get(id: string): OutboxEntry | undefined {
    const row = this.#db.stmt('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    return row === undefined ? undefined : entryFromRow(row);
  }

  /**
   * Fixes the message id a send will use, before the first attempt. Idempotent: a retry after a
   * crash gets the id already stored, so the recipient never sees the message twice.
   */
  ensureClientMessageId(id: string, candidate: string): string {
    return this.#db.transaction(() => {
      this.#db
        .stmt('UPDATE outbox SET client_message_id = ? WHERE id = ? AND client_message_id IS NULL')
        .run(candidate, id);
      const stored = this.#require(id).clientMessageId;
      if (stored === null) throw new StoreCorruptError('outbox client message id not persisted');
      return stored;
    });
  }

  /** Takes the oldest due command of a lane and marks it running (one attempt more). */
  claimNext(lane: OutboxLane, now: number = this.#now()): OutboxEntry | undefined {
    const row = this.#db
      .stmt(
        `UPDATE outbox SET state = 'running', attempts = attempts + 1, updated_at = @now
         WHERE id = (SELECT id FROM outbox WHERE lane = @lane AND state = 'queued' AND next_attempt_at <= @now
                     ORDER BY next_attempt_at, created_at LIMIT 1)
         RETURNING *`,
      )
      .get({ lane, now }) as OutboxRow | undefined;
    return row === undefined ? undefined : entryFromRow(row);
  }

  complete(id: string): void {
    this.#db.stmt("UPDATE outbox SET state = 'done', error = NULL, updated_at = ? WHERE id = ?").run(this.#now(), id);
  }

  /** `retryAt` null = give up (state failed); otherwise queued again for that time. */
  fail(id: string, error: string, retryAt: number | null): void {
    this.#db
      .stmt(
        'UPDATE outbox SET state = ?, error = ?, next_attempt_at = COALESCE(?, next_attempt_at), updated_at = ? WHERE id = ?',
      )
      .run(retryAt === null ? 'failed' : 'queued', error.slice(0, 500), retryAt, this.#now(), id);
  }

  /** After a crash, commands caught `running` go back to the queue; attempts stay counted. */
  requeueInterrupted(): number {
    return this.#db.stmt("UPDATE outbox SET state = 'queued', updated_at = ? WHERE state = 'running'").run(this.#now())
      .changes;
  }

  list(states: readonly OutboxState[] = ['queued', 'running'], limit = 1000): OutboxEntry[] {
    const rows = this.#db
      .stmt('SELECT * FROM outbox WHERE state IN (SELECT value FROM json_each(?)) ORDER BY created_at, id LIMIT ?')
      .all(JSON.stringify(states), limit) as OutboxRow[];
    return rows.map(entryFromRow);
  }

  /** Drops finished commands older than `before`; failed ones stay until the user acts. */
  pruneDone(before: number): number {
    return this.#db.stmt("DELETE FROM outbox WHERE state = 'done' AND updated_at < ?").run(before).changes;
  }

  #require(id: string): OutboxEntry {
    const entry = this.get(id);
    if (entry === undefined) throw new StoreCorruptError('outbox row missing right after writing it');
    return entry;
  }
}
