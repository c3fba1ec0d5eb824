import { judge, printTable, writeResults, type BenchRow, type RowResult } from './harness.js';
import { benchBatching } from './rows/batching.js';
import { benchHistoryIngest100k, benchHistoryIngest10k } from './rows/historyIngest.js';
import { benchMemory } from './rows/memory.js';
import { benchRendererCache } from './rows/rendererCache.js';
import { benchS3 } from './rows/s3.js';

/**
 * `npm run bench`: every row measures the app path and its baseline side by side in this run.
 * Usage: npm run bench [-- rowName ...] to run a subset.
 */
const ROWS: Readonly<Record<string, () => Promise<BenchRow>>> = {
  batching: benchBatching,
  historyIngest10k: benchHistoryIngest10k,
  historyIngest100k: benchHistoryIngest100k,
  memory: benchMemory,
  rendererCache: benchRendererCache,
  s3: benchS3,
};

const selected = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const names = selected.length > 0 ? selected : Object.keys(ROWS);
const results: RowResult[] = [];
for (const name of names) {
  const run = ROWS[name];
  if (!run) throw new Error(`unknown benchmark row ${name}; rows: ${Object.keys(ROWS).join(', ')}`);
  process.stderr.write(`running ${name}…\n`);
  results.push(judge(await run()));
}
printTable(results);
console.log(`\nresults written to ${writeResults(results)}`);
