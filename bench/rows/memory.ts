import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchRow } from '../harness.js';
import type { MemorySample } from '../memory/memoryChild.js';
import { listOf, median } from '../stats.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('../memory/memoryChild.ts', import.meta.url));
// `--import tsx` resolves from the working directory: run children from the repo root.
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SMALL = 10_000;
const LARGE = 100_000;
const ROUNDS = 3;
const MIB = 1024 * 1024;

/**
 * Core heap after storing 100k vs 10k history messages. Each measurement is its own
 * `node --expose-gc --import tsx` child, so no run inherits another's heap; sizes alternate.
 */
export async function benchMemory(): Promise<BenchRow> {
  const small: number[] = [];
  const large: number[] = [];
  const rss: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? [SMALL, LARGE] : [LARGE, SMALL];
    for (const messages of order) {
      const sample = await measure(messages);
      (messages === SMALL ? small : large).push(sample.heapUsedBytes / MIB);
      if (messages === LARGE) rss.push(sample.rssBytes / MIB);
    }
  }
  return {
    name: 'memory',
    unit: 'MiB heap',
    value: median(large),
    baseline: median(small),
    goal: { kind: 'ratioAtMost', target: 1.3, text: '≤ 1.3× heap(10k)' },
    notes:
      `heap after GC with the store open; growth 10k→100k ${(median(large) - median(small)).toFixed(2)} MiB ` +
      `(most of either heap is loaded code: Baileys, protobuf, zod); 100k rounds ${listOf(large, 1)} MiB, 10k rounds ${listOf(small, 1)} MiB; ` +
      `process RSS at 100k ${listOf(rss)} MiB (SQLite page cache and native buffers live outside the heap)`,
  };
}

async function measure(messages: number): Promise<MemorySample> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, String(messages)], {
    cwd: REPO_ROOT,
    maxBuffer: 1024 * 1024,
  });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as MemorySample;
}
