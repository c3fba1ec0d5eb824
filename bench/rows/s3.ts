import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccountId } from '../../shared/src/index.js';
import type { BackupStatus, SchedulerClock } from '../../electron/core/backup/BackupScheduler.js';
import { createAccountBackup } from '../../electron/core/backup/createAccountBackup.js';
import { AccountStore } from '../../electron/core/store/AccountStore.js';
import { staticKeyProvider } from '../../electron/core/store/keyProvider.js';
import type { StoreOp } from '../../electron/core/store/batchOps.js';
import { createBucket, FAST_RETRY, makeConfig } from '../../test/backup/backupHarness.js';
import { startMoto } from '../../test/backup/motoServer.js';
import { makeMessages } from '../fixtures.js';
import type { BenchRow } from '../harness.js';

const ARCHIVE_MESSAGES = 100_000;
const CHANGES = 10_000;
const SCENARIO_MS = 60_000;
const WINDOW_MS = 5_000;
const TICK_MS = 100; // one persisted batch every 100 ms → 600 batches of ~17 changes
const ACCOUNT = 'bench' as AccountId;

/**
 * S3 backup under a live stream: 10k changes over 60 s on a 100k-message archive, 5 s window,
 * against a real moto_server. App path: the bytes one incremental backup uploads (mean); baseline:
 * the bytes of a full backup of the archive. PUT counts go in the notes (goal ≤ 13 + 13).
 *
 * Time is scaled: the scheduler runs on a simulated clock (it takes an injectable clock), so the
 * 60 s scenario plays in a few seconds. Each backup still does its real export, compression,
 * encryption and S3 requests; it just takes zero simulated time (batches stop while it runs).
 */
export async function benchS3(): Promise<BenchRow> {
  const moto = await startMoto();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bench-s3-'));
  const accountDir = path.join(dir, ACCOUNT);
  fs.mkdirSync(accountDir);
  const store = await AccountStore.open(accountDir, { keyProvider: staticKeyProvider(new Uint8Array(32).fill(1)) });
  const clock = simulatedClock();
  const statuses: BackupStatus[] = [];
  const config = makeConfig(moto.endpoint, await createBucket(moto.endpoint), { windowMs: WINDOW_MS });
  const backup = createAccountBackup({
    config,
    accountId: ACCOUNT,
    accountDir,
    currentSeq: () => store.currentSeq(),
    clock,
    retry: FAST_RETRY,
    onStatus: (s) => statuses.push(s),
  });
  try {
    const archive = makeMessages(ARCHIVE_MESSAGES, 200, ACCOUNT);
    for (let i = 0; i < archive.length; i += 5_000) {
      store.applyBatch(
        archive.slice(i, i + 5_000).map((message) => ({ type: 'message.upsert', message }) satisfies StoreOp),
      );
    }
    const fullStartedAt = performance.now();
    const full = await backup.engine.runOnce();
    const fullMs = performance.now() - fullStartedAt;
    const before = { ...backup.bucket.stats };

    // 10k changes: mostly new messages, every 4th an edit-like rewrite of an archived one.
    const fresh = makeMessages(CHANGES, 200, ACCOUNT).map((m, i) => ({ ...m, id: `${m.id}-live${i}` as typeof m.id }));
    const perTick = Math.ceil(CHANGES / (SCENARIO_MS / TICK_MS));
    let applied = 0;
    const wallStartedAt = performance.now();
    while (applied < CHANGES) {
      const ops: StoreOp[] = [];
      for (let k = 0; k < perTick && applied < CHANGES; k += 1, applied += 1) {
        const edited = archive[(applied * 37) % archive.length];
        const message =
          applied % 4 === 3 && edited !== undefined
            ? { ...edited, status: 'read' as const, timestamp: edited.timestamp + 1 }
            : fresh[applied];
        if (message !== undefined) ops.push({ type: 'message.upsert', message });
      }
      store.applyBatch(ops);
      backup.scheduler.notifyChanged();
      await clock.advance(TICK_MS, () => backup.scheduler.status.state === 'running');
    }
    await clock.advance(WINDOW_MS, () => backup.scheduler.status.state === 'running');
    const wallMs = performance.now() - wallStartedAt;

    const segmentPuts =
      backup.bucket.stats.puts - backup.bucket.stats.manifestPuts - (before.puts - before.manifestPuts);
    const manifestPuts = backup.bucket.stats.manifestPuts - before.manifestPuts;
    const bytes = backup.bucket.stats.putBytes - before.putBytes;
    const runs = backup.scheduler.status.successfulRuns;
    const perBackup = runs === 0 ? Number.POSITIVE_INFINITY : bytes / runs;
    return {
      name: 's3 backup',
      unit: 'bytes/backup',
      value: perBackup,
      baseline: full.uploadedBytes,
      goal: { kind: 'ratioAtMost', target: 0.05, text: '≤ 0.05× a full backup' },
      notes:
        `${runs} backups for ${CHANGES} changes over ${SCENARIO_MS / 1000} s (scaled clock, ${WINDOW_MS / 1000} s window); ` +
        `segment PUTs ${segmentPuts} (goal ≤ 13), manifest PUTs ${manifestPuts} (goal ≤ 13); ` +
        `full backup of ${ARCHIVE_MESSAGES} messages ${full.uploadedBytes} B in ${Math.round(fullMs)} ms; ` +
        `scenario wall time ${Math.round(wallMs)} ms; pending after: ${backup.scheduler.status.pendingChanges}; ` +
        `errors seen: ${statuses.filter((s) => s.lastError !== null).length}`,
    };
  } finally {
    await backup.dispose();
    store.close();
    await moto.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Timers fire when the bench advances time; while `isBusy()` the clock waits for real work. */
function simulatedClock(): SchedulerClock & { advance: (ms: number, isBusy: () => boolean) => Promise<void> } {
  let now = 0;
  let nextId = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  const settle = async (isBusy: () => boolean): Promise<void> => {
    await new Promise((r) => setImmediate(r));
    while (isBusy()) await new Promise((r) => setTimeout(r, 1));
  };
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      nextId += 1;
      timers.push({ at: now + ms, fn, id: nextId });
      return nextId;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    advance: async (ms, isBusy) => {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        await settle(isBusy);
      }
      now = end;
    },
  };
}
