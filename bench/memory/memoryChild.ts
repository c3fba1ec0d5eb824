/*
 * One memory measurement in a clean process: `node --expose-gc --import tsx memoryChild.ts <messages>`.
 * Ingests the history through the app path into a fresh store, keeps everything the core keeps
 * afterwards (the open store with its statement and resolver caches, the ingest's sync tracker),
 * drops the fixtures, collects garbage and prints the heap as one JSON line on stdout.
 */
import v8 from 'node:v8';
import { historyChunks } from '../history/historyChunks.js';
import { historyIngest } from '../history/ingestChunk.js';
import { openTempStore } from '../history/tempStore.js';

export type MemorySample = Readonly<{ messages: number; heapUsedBytes: number; rssBytes: number }>;

const messages = Number(process.argv[2]);
if (!Number.isInteger(messages) || messages <= 0) throw new Error('usage: memoryChild.ts <messages>');
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const temp = await openTempStore();
const ingest = historyIngest(temp.store);
for (const chunk of historyChunks({ messages, chats: 2_000 })) ingest(chunk);
// Several passes: weak maps and finalizers release in later cycles.
for (let i = 0; i < 4; i += 1) {
  gc();
  await new Promise((resolve) => setImmediate(resolve));
}
const sample: MemorySample = {
  messages,
  heapUsedBytes: v8.getHeapStatistics().used_heap_size,
  rssBytes: process.memoryUsage().rss,
};
process.stdout.write(`${JSON.stringify(sample)}\n`);
// Still reachable up to here, so the sample includes the open store and the ingest state.
void ingest;
temp.dispose();
