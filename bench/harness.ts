import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingCaseError } from '../electron/core/util/missingCaseError.js';

/**
 * One benchmark row: the app path and its baseline measured side by side in the same run, and
 * the goal as a ratio. Absolute numbers are printed for context; only ratios are judged.
 */
export type BenchRow = {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly baseline: number;
  /**
   * How the row is judged: the ratio value/baseline against target, or (`excessAtMost`) what the app
   * adds on top of the baseline, value − baseline, in the row's unit.
   */
  readonly goal: {
    readonly kind: 'ratioAtLeast' | 'ratioAtMost' | 'excessAtMost';
    readonly target: number;
    readonly text: string;
  };
  readonly notes?: string;
  /** Conditions beyond the ratio that failed (e.g. messages lost in the crash soak): not met. */
  readonly failures?: readonly string[];
};

export type RowResult = BenchRow & { readonly ratio: number; readonly met: boolean };

export function judge(row: BenchRow): RowResult {
  const ratio = row.baseline === 0 ? Number.POSITIVE_INFINITY : row.value / row.baseline;
  const met = isMet(row, ratio) && (row.failures ?? []).length === 0;
  return { ...row, ratio, met };
}

function isMet(row: BenchRow, ratio: number): boolean {
  // A row that could not measure (NaN) is never met.
  if (!Number.isFinite(row.value) || !Number.isFinite(row.baseline)) return false;
  switch (row.goal.kind) {
    case 'ratioAtLeast':
      return ratio >= row.goal.target;
    case 'ratioAtMost':
      return ratio <= row.goal.target;
    case 'excessAtMost':
      return row.value - row.baseline <= row.goal.target;
    default:
      throw missingCaseError(row.goal.kind);
  }
}

export function printTable(results: readonly RowResult[]): void {
  const rows = results.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    `${fmt(r.baseline)} ${r.unit}`,
    r.goal.kind === 'excessAtMost' ? `+${fmt(r.value - r.baseline)} ${r.unit}` : `${r.ratio.toFixed(2)}×`,
    r.goal.text,
    r.met ? 'met' : 'NOT MET',
  ]);
  const header = ['benchmark', 'value', 'baseline', 'ratio', 'goal', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const r of results) {
    if (r.notes) console.log(`  ${r.name}: ${r.notes}`);
    if (r.failures?.length) console.log(`  ${r.name} NOT MET because: ${r.failures.join('; ')}`);
  }
}

export function writeResults(results: readonly RowResult[]): string {
  const path = join(dirname(fileURLToPath(import.meta.url)), 'results.json');
  mkdirSync(dirname(path), { recursive: true });
  const payload = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    rows: results.map((r) => ({
      name: r.name,
      unit: r.unit,
      value: r.value,
      baseline: r.baseline,
      ratio: r.ratio,
      goal: r.goal.text,
      met: r.met,
      notes: r.notes ?? null,
      failures: r.failures ?? [],
    })),
  };
  writeFileSync(path, `${JSON.stringify(payload, null, 2)}\n`);
  return path;
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}
