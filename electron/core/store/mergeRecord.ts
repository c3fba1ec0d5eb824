import { compareHlc } from './hlc.js';

/**
 * One version of a record as held by an archive or a backup: a live value or a deletion marker,
 * stamped with the HLC of the write that produced it.
 */
export type VersionedRecord<T> = Readonly<{ hlc: string; isDeleted: boolean; value: T | null }>;

/**
 * Last writer wins by HLC. Equal stamps (the same write seen twice, or a forged collision) are
 * broken by the canonical serialization so the result never depends on argument order: this is
 * what makes merge commutative, associative and idempotent (a max over a total order).
 */
export function mergeRecord<T>(a: VersionedRecord<T>, b: VersionedRecord<T>): VersionedRecord<T> {
  const byStamp = compareHlc(a.hlc, b.hlc);
  if (byStamp !== 0) return byStamp > 0 ? a : b;
  const ka = canonicalJson([a.isDeleted, a.value]);
  const kb = canonicalJson([b.isDeleted, b.value]);
  return ka >= kb ? a : b;
}

/** JSON with object keys sorted, so equal values serialize equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
