import { randomBytes } from 'node:crypto';

export type QrTimings = Readonly<{
  /** Lifetime of the first ref (Baileys shows it for `qrTimeout` or 60 s). */
  firstRefTtlMs: number;
  /** Lifetime of each later ref (Baileys: `qrTimeout` or 20 s). */
  nextRefTtlMs: number;
  refCount: number;
}>;

export const DEFAULT_QR_TIMINGS: QrTimings = { firstRefTtlMs: 60_000, nextRefTtlMs: 20_000, refCount: 6 };

type RefEntry = Readonly<{ ref: string; connId: number; validFromMs: number; expiresAtMs: number }>;

export type RefLookup = { ok: true; connId: number } | { ok: false; reason: 'unknown' | 'expired' | 'not-yet-shown' };

/**
 * The pair-device refs handed to unpaired connections. Each ref is valid only while the client would
 * be showing it: refs rotate in order, the first living `firstRefTtlMs`, the rest `nextRefTtlMs`.
 */
export class QrRefs {
  #refs = new Map<string, RefEntry>();

  constructor(private readonly timings: QrTimings) {}

  issue(connId: number, nowMs = Date.now()): string[] {
    const refs: string[] = [];
    let start = nowMs;
    for (let i = 0; i < this.timings.refCount; i++) {
      const ttl = i === 0 ? this.timings.firstRefTtlMs : this.timings.nextRefTtlMs;
      const ref = `2@${randomBytes(24).toString('base64')}`;
      this.#refs.set(ref, { ref, connId, validFromMs: start, expiresAtMs: start + ttl });
      refs.push(ref);
      start += ttl;
    }
    return refs;
  }

  lookup(ref: string, nowMs = Date.now()): RefLookup {
    const entry = this.#refs.get(ref);
    if (!entry) return { ok: false, reason: 'unknown' };
    // Small grace: the client's timer and ours start a few ms apart.
    if (nowMs + 250 < entry.validFromMs) return { ok: false, reason: 'not-yet-shown' };
    if (nowMs > entry.expiresAtMs + 250) return { ok: false, reason: 'expired' };
    return { ok: true, connId: entry.connId };
  }

  /** The connection went away or paired: its refs now read as expired (clearer than "unknown"). */
  revokeFor(connId: number, nowMs = Date.now()): void {
    for (const [ref, entry] of this.#refs) {
      if (entry.connId === connId)
        this.#refs.set(ref, { ...entry, expiresAtMs: Math.min(entry.expiresAtMs, nowMs - 1000) });
    }
  }
}
