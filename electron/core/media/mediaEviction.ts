/*
 * Which downloaded media files to remove when an account's media cache is over its limit.
 * Pure: the caller scans the folder, maps files to messages, deletes and marks the messages.
 */

/** Evicting stops once the cache is at this share of its limit, so one more download does not evict again. */
export const EVICTION_TARGET_RATIO = 0.9;

export type CachedFile = Readonly<{
  name: string;
  sizeBytes: number;
  /** Last time the file was written or served to the window. */
  lastAccessMs: number;
  /** A message shows this file (a `ready` media state points at it); false for leftovers. */
  isReferenced: boolean;
}>;

export type EvictionInput = Readonly<{
  files: readonly CachedFile[];
  limitBytes: number;
  /** Never evicted: downloads in flight, the file just saved. */
  protectedNames: ReadonlySet<string>;
  /** Files accessed at or after this time are on screen (or were a moment ago): kept. */
  protectSinceMs: number;
}>;

export type EvictionPlan = Readonly<{
  evict: readonly CachedFile[];
  usedBytes: number;
  /** What the cache holds after the plan ran. */
  remainingBytes: number;
}>;

/**
 * Least recently used first, leftovers (files no message points at) before anything a message
 * shows, until the cache is down to EVICTION_TARGET_RATIO of the limit. Nothing is evicted while
 * the cache is within its limit. Protected and recently viewed files stay even if that leaves the
 * cache over the limit: removing what the user is looking at would be worse.
 */
export function planEviction({ files, limitBytes, protectedNames, protectSinceMs }: EvictionInput): EvictionPlan {
  const usedBytes = files.reduce((sum, f) => sum + f.sizeBytes, 0);
  if (usedBytes <= limitBytes) return { evict: [], usedBytes, remainingBytes: usedBytes };
  const targetBytes = Math.floor(limitBytes * EVICTION_TARGET_RATIO);
  const candidates = files
    .filter((f) => !protectedNames.has(f.name) && f.lastAccessMs < protectSinceMs)
    .sort(
      (a, b) =>
        Number(a.isReferenced) - Number(b.isReferenced) ||
        a.lastAccessMs - b.lastAccessMs ||
        a.name.localeCompare(b.name),
    );
  const evict: CachedFile[] = [];
  let remainingBytes = usedBytes;
  for (const file of candidates) {
    if (remainingBytes <= targetBytes) break;
    evict.push(file);
    remainingBytes -= file.sizeBytes;
  }
  return { evict, usedBytes, remainingBytes };
}
