/*
 * Hybrid logical clock (Kulkarni et al.): physical milliseconds plus a counter for events within
 * the same millisecond, plus the writing node as the final tie-break. Stamps order causally even
 * when the wall clock steps back, which plain `Date.now()` stamps would not, and they let an
 * archive be merged with a backup written by another install (last writer wins).
 *
 * Encoded form: `WWWWWWWWWWWWWWW-CCCC-node`, fixed-width so string order == stamp order.
 */

export type Hlc = Readonly<{ wallMs: number; counter: number; node: string }>;

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 4;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;
/** A remote stamp further ahead than this is a broken clock, not causality. */
export const HLC_MAX_DRIFT_MS = 24 * 60 * 60 * 1000;
const NODE_PATTERN = /^[0-9a-z]{1,32}$/;

export class HlcDriftError extends Error {
  override name = 'HlcDriftError';
}

export function encodeHlc(stamp: Hlc): string {
  return `${stamp.wallMs.toString().padStart(WALL_DIGITS, '0')}-${stamp.counter
    .toString(36)
    .padStart(COUNTER_DIGITS, '0')}-${stamp.node}`;
}

export function decodeHlc(encoded: string): Hlc {
  const [wall, counter, node, ...rest] = encoded.split('-');
  if (wall === undefined || counter === undefined || node === undefined || rest.length > 0) {
    throw new RangeError('not an HLC stamp');
  }
  if (wall.length !== WALL_DIGITS || counter.length !== COUNTER_DIGITS || !NODE_PATTERN.test(node)) {
    throw new RangeError('not an HLC stamp');
  }
  return { wallMs: Number.parseInt(wall, 10), counter: Number.parseInt(counter, 36), node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Usage: one clock per store: `clock.now()` stamps a local write; `clock.receive(stamp)` when
 * merging a record written elsewhere so later local writes order after it.
 */
export class HybridLogicalClock {
  readonly #node: string;
  readonly #physicalNow: () => number;
  #wallMs = 0;
  #counter = 0;

  constructor(node: string, physicalNow: () => number = Date.now, last?: string) {
    if (!NODE_PATTERN.test(node)) throw new RangeError('HLC node must be 1-32 chars of [0-9a-z]');
    this.#node = node;
    this.#physicalNow = physicalNow;
    if (last !== undefined) {
      const seen = decodeHlc(last);
      this.#wallMs = seen.wallMs;
      this.#counter = seen.counter;
    }
  }

  get node(): string {
    return this.#node;
  }

  /** The newest stamp issued or received, to persist so a restart never goes back. */
  get last(): string {
    return encodeHlc({ wallMs: this.#wallMs, counter: this.#counter, node: this.#node });
  }

  now(): string {
    const physical = this.#physicalNow();
    if (physical > this.#wallMs) {
      this.#wallMs = physical;
      this.#counter = 0;
    } else {
      this.#bumpCounter();
    }
    return this.last;
  }

  receive(remoteEncoded: string): string {
    const remote = decodeHlc(remoteEncoded);
    const physical = this.#physicalNow();
    if (remote.wallMs - physical > HLC_MAX_DRIFT_MS) {
      throw new HlcDriftError('remote HLC is too far in the future');
    }
    const wall = Math.max(this.#wallMs, remote.wallMs, physical);
    if (wall === this.#wallMs && wall === remote.wallMs) {
      this.#counter = Math.max(this.#counter, remote.counter);
      this.#bumpCounter();
    } else if (wall === this.#wallMs) {
      this.#bumpCounter();
    } else if (wall === remote.wallMs) {
      this.#wallMs = wall;
      this.#counter = remote.counter;
      this.#bumpCounter();
    } else {
      this.#wallMs = wall;
      this.#counter = 0;
    }
    return this.last;
  }

  #bumpCounter(): void {
    if (this.#counter >= MAX_COUNTER) {
      // 1.6M stamps in one millisecond: borrow the next millisecond rather than overflow.
      this.#wallMs += 1;
      this.#counter = 0;
      return;
    }
    this.#counter += 1;
  }
}
