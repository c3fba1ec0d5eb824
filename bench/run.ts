import { judge, printTable, writeResults, type BenchRow, type RowResult } from './harness.js';
import { runBenchCleanups } from './app/benchCleanup.js';
import { benchBatching } from './rows/batching.js';
import { benchBigChat } from './rows/bigChat.js';
import { benchColdStart } from './rows/coldStart.js';
import { benchCrashSoak } from './rows/crashSoak.js';
import { benchDomBound } from './rows/domBound.js';
import { benchLiveLatency } from './rows/liveLatency.js';
import { benchLiveThroughput } from './rows/liveThroughput.js';
import { benchHistoryIngest100k, benchHistoryIngest10k } from './rows/historyIngest.js';
import { benchMemory } from './rows/memory.js';
import { benchRendererCache } from './rows/rendererCache.js';
import { benchS3 } from './rows/s3.js';

/**
 * `npm run bench`: every row measures the app path and its baseline side by side in this run.
 * Usage: npm run bench [-- rowName ...] to run a subset, or `-- --only history` (case-insensitive
 * substrings of row names, comma-separated) to run every row that matches. `--soak` adds the crash
 * soak (minutes); `--no-build` skips building the app for the rows that run it (dist/ must be current).
 */
const ROWS: Readonly<Record<string, () => Promise<BenchRow>>> = {
  batching: benchBatching,
  historyIngest10k: benchHistoryIngest10k,
  historyIngest100k: benchHistoryIngest100k,
  memory: benchMemory,
  rendererCache: benchRendererCache,
  s3: benchS3,
  liveLatency: benchLiveLatency,
  liveThroughput: benchLiveThroughput,
  bigChat: benchBigChat,
  domBound: benchDomBound,
  coldStart: benchColdStart,
  crashSoak: benchCrashSoak,
};
/** Rows that take many minutes: only with `--soak`, or when named. */
const SLOW_ROWS: ReadonlySet<string> = new Set(['crashSoak']);
const withSlowRows = process.argv.includes('--soak');

const { rowNames, onlyPatterns } = parseArgs(process.argv.slice(2));
const names = [
  ...rowNames,
  ...Object.keys(ROWS).filter(
    (key) =>
      onlyPatterns.some((p) => key.toLowerCase().includes(p)) &&
      (withSlowRows || !SLOW_ROWS.has(key) || onlyPatterns.includes(key.toLowerCase())),
  ),
];
if (names.length === 0 && onlyPatterns.length > 0) {
  throw new Error(`--only matched no row; rows: ${Object.keys(ROWS).join(', ')}`);
}
if (names.length === 0) names.push(...Object.keys(ROWS).filter((key) => withSlowRows || !SLOW_ROWS.has(key)));
const results: RowResult[] = [];
for (const name of names) {
  const run = ROWS[name];
  if (!run) throw new Error(`unknown benchmark row ${name}; rows: ${Object.keys(ROWS).join(', ')}`);
  process.stderr.write(`running ${name}…\n`);
  results.push(judge(await runRow(name, run)));
}
await runBenchCleanups();
printTable(results);
console.log(`\nresults written to ${writeResults(results)}`);

/** A row that throws is reported as not met with the error, so one broken row does not lose the others. */
async function runRow(name: string, run: () => Promise<BenchRow>): Promise<BenchRow> {
  try {
    return await run();
  } catch (err) {
    process.stderr.write(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return {
      name,
      unit: '',
      value: Number.NaN,
      baseline: Number.NaN,
      goal: { kind: 'ratioAtLeast', target: 1, text: 'row failed' },
      failures: [`the row failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`],
    };
  }
}

/** Positional row names, plus `--only a,b` / `--only=a,b` substring filters; other flags are ignored. */
function parseArgs(args: readonly string[]): { rowNames: string[]; onlyPatterns: string[] } {
  const rowNames: string[] = [];
  const onlyPatterns: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const value = arg === '--only' ? args[++i] : arg.startsWith('--only=') ? arg.slice('--only='.length) : undefined;
    if (value !== undefined) {
      onlyPatterns.push(
        ...value
          .split(',')
          .map((p) => p.trim().toLowerCase())
          .filter((p) => p !== ''),
      );
    } else if (!arg.startsWith('-')) {
      rowNames.push(arg);
    }
  }
  return { rowNames, onlyPatterns };
}
