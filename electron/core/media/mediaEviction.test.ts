import { describe, expect, it } from 'vitest';
import type { CachedFile, EvictionInput } from './mediaEviction.js';
import { planEviction } from './mediaEviction.js';

const file = (name: string, overrides: Partial<CachedFile> = {}): CachedFile => ({
  name,
  sizeBytes: 100,
  lastAccessMs: 1_000,
  isReferenced: true,
  ...overrides,
});

const input = (overrides: Partial<EvictionInput>): EvictionInput => ({
  files: [],
  limitBytes: 1_000,
  protectedNames: new Set(),
  protectSinceMs: 10_000,
  ...overrides,
});

const evicted = (i: EvictionInput): string[] => planEviction(i).evict.map((f) => f.name);

describe('planEviction', () => {
  it('evicts nothing while the cache is within its limit', () => {
    const files = [file('a', { sizeBytes: 600 }), file('b', { sizeBytes: 400 })];
    expect(planEviction(input({ files }))).toEqual({ evict: [], usedBytes: 1_000, remainingBytes: 1_000 });
  });

  it('evicts the least recently used files down to 90% of the limit', () => {
    const files = [
      file('newest', { sizeBytes: 400, lastAccessMs: 5_000 }),
      file('oldest', { sizeBytes: 300, lastAccessMs: 1_000 }),
      file('middle', { sizeBytes: 300, lastAccessMs: 3_000 }),
      file('recent', { sizeBytes: 200, lastAccessMs: 4_000 }),
    ];
    // 1200 used, limit 1000 → target 900: removing "oldest" (300) reaches it.
    const plan = planEviction(input({ files }));
    expect(plan.evict.map((f) => f.name)).toEqual(['oldest']);
    expect(plan).toMatchObject({ usedBytes: 1_200, remainingBytes: 900 });
    // Just over the target after one file: the next oldest goes too.
    expect(evicted(input({ files, limitBytes: 990 }))).toEqual(['oldest', 'middle']);
  });

  it('removes leftovers no message points at before files a message shows', () => {
    const files = [
      file('shown-old', { lastAccessMs: 1, sizeBytes: 600 }),
      file('leftover-new', { lastAccessMs: 9_000, isReferenced: false, sizeBytes: 600 }),
    ];
    expect(evicted(input({ files }))).toEqual(['leftover-new']);
  });

  it('never evicts protected or recently viewed files, even if the cache stays over the limit', () => {
    const files = [
      file('downloading', { sizeBytes: 800, lastAccessMs: 1 }),
      file('on-screen', { sizeBytes: 800, lastAccessMs: 10_000 }),
      file('old', { sizeBytes: 100, lastAccessMs: 2 }),
    ];
    const plan = planEviction(input({ files, protectedNames: new Set(['downloading']) }));
    expect(plan.evict.map((f) => f.name)).toEqual(['old']);
    expect(plan.remainingBytes).toBe(1_600);
  });

  it('breaks ties by name so the plan is deterministic', () => {
    const files = [file('b', { sizeBytes: 600 }), file('a', { sizeBytes: 600 })];
    expect(evicted(input({ files }))).toEqual(['a']);
  });
});
