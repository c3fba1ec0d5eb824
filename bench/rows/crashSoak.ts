import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from '../harness.js';

const APP_ROOT = join(import.meta.dirname, '..', '..');
const KILLS = 200;
const SOAK_TEST = 'test/core/process/killSoak.test.ts';
/** The soak also writes its summary here, since vitest may drop a long test's console output. */
const SUMMARY_FILE = join(APP_ROOT, 'test-results', 'kill-soak.txt');

export type SoakSummary = Readonly<{
  kills: number;
  acknowledged: number;
  pending: number;
  missing: number;
  duplicated: number;
  outgoingNotDecryptedOnce: number;
  outgoingNotStoredOnce: number;
  isSettled: boolean;
}>;

/**
 * Crash soak (`--soak`, minutes): the crash soak test with 200 SIGKILLs of the account worker and
 * the app's own sends, run through vitest; its printed summary is parsed. Met when the kills landed
 * and nothing acknowledged was lost or stored twice (and every send reached its contact once).
 */
export async function benchCrashSoak(): Promise<BenchRow> {
  const startedAt = Date.now();
  const { code, output } = await runSoak();
  const summaryText = soakSummaryText(output, startedAt);
  const summary = summaryText === undefined ? undefined : parseSoakSummary(summaryText);
  const failures = summary === undefined ? ['no soak summary printed'] : failuresOf(summary);
  if (code !== 0) failures.push(`vitest exited with ${code}`);
  return {
    name: 'crash soak',
    unit: 'kills',
    value: summary?.kills ?? Number.NaN,
    baseline: KILLS,
    goal: { kind: 'ratioAtLeast', target: 1, text: `≥ ${KILLS} kills, nothing lost or doubled` },
    failures,
    notes:
      summary === undefined
        ? `no summary; last output: ${output.slice(-400).replace(/\s+/g, ' ')}`
        : `acknowledged ${summary.acknowledged} (pending ${summary.pending}), missing ${summary.missing}, ` +
          `duplicated ${summary.duplicated}, outgoing not decrypted once ${summary.outgoingNotDecryptedOnce}, ` +
          `outgoing not stored once ${summary.outgoingNotStoredOnce}, settled ${summary.isSettled}; ` +
          `${((Date.now() - startedAt) / 60_000).toFixed(1)} min`,
  };
}

export function parseSoakSummary(text: string): SoakSummary | undefined {
  const kills = /kill soak: (\d+) kills/.exec(text);
  const acked = /acknowledged by the client (\d+), still pending (\d+)/.exec(text);
  const losses =
    /settled (true|false); missing (\d+), duplicated (\d+), outgoing not decrypted exactly once (\d+), outgoing not stored once (\d+)/.exec(
      text,
    );
  if (!kills || !acked || !losses) return undefined;
  return {
    kills: Number(kills[1]),
    acknowledged: Number(acked[1]),
    pending: Number(acked[2]),
    isSettled: losses[1] === 'true',
    missing: Number(losses[2]),
    duplicated: Number(losses[3]),
    outgoingNotDecryptedOnce: Number(losses[4]),
    outgoingNotStoredOnce: Number(losses[5]),
  };
}

function failuresOf(summary: SoakSummary): string[] {
  const failures: string[] = [];
  if (summary.missing > 0) failures.push(`${summary.missing} acknowledged messages missing`);
  if (summary.duplicated > 0) failures.push(`${summary.duplicated} stored twice`);
  if (summary.outgoingNotDecryptedOnce > 0)
    failures.push(`${summary.outgoingNotDecryptedOnce} sends not decrypted once`);
  if (summary.outgoingNotStoredOnce > 0) failures.push(`${summary.outgoingNotStoredOnce} sends not stored once`);
  if (!summary.isSettled) failures.push('traffic never settled');
  return failures;
}

/** The printed summary, or the file the soak wrote during this run (never an older one). */
function soakSummaryText(output: string, startedAt: number): string | undefined {
  const at = output.lastIndexOf('kill soak: ');
  if (at >= 0) return output.slice(at);
  if (existsSync(SUMMARY_FILE) && statSync(SUMMARY_FILE).mtimeMs >= startedAt)
    return readFileSync(SUMMARY_FILE, 'utf8');
  return undefined;
}

function runSoak(): Promise<{ code: number | null; output: string }> {
  process.stderr.write(`crash soak: ${KILLS} kills with the app's sends (several minutes)…\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(join(APP_ROOT, 'node_modules', '.bin', 'vitest'), ['run', SOAK_TEST], {
      cwd: APP_ROOT,
      env: { ...process.env, WA_INBOX_TEST_SOAK: '1', KILL_TEST_KILLS: String(KILLS), KILL_TEST_OUTGOING: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}
