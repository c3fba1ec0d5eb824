import path from 'node:path';
import { DATABASE_FILE_NAME } from '../../electron/core/store/storeDatabase.js';
import type { BenchRow } from '../harness.js';
import { historyChunks, MESSAGES_PER_CHUNK } from '../history/historyChunks.js';
import type { HistoryShape } from '../history/historyChunks.js';
import { historyIngest } from '../history/ingestChunk.js';
import { openRawTable, storedMessageReader } from '../history/rawInsert.js';
import { openTempStore } from '../history/tempStore.js';
import { listOf, median } from '../stats.js';

const CHATS = 2_000;
// From a CPU profile of the app path and a ladder of raw inserts (README, "history ingest").
const WHY =
  'Why: SQLite is not the gap (the same rows inserted raw into the full schema with FTS run at ~raw speed); ' +
  'per-message JS is: normalizeHistorySync ~35% (re-encoding each WebMessageInfo for raw, JID normalization), ' +
  'a contact.upsert per incoming pushName ~20% (7 statements each, repeated for every message of a sender), ' +
  'upsertMessage ~22% (read-before-insert, two JSON columns, tombstone delete, FTS), chats/media/commits the rest';

export function benchHistoryIngest10k(): Promise<BenchRow> {
  return benchHistoryIngest('history ingest 10k', { messages: 10_000, chats: CHATS }, 5);
}

export function benchHistoryIngest100k(): Promise<BenchRow> {
  return benchHistoryIngest('history ingest 100k', { messages: 100_000, chats: CHATS }, 3);
}

/**
 * App path: Baileys-shaped history chunks → the app's per-chunk history path (journal,
 * normalizeHistorySync, toStoreOps, one applyBatch transaction with FTS, change log, HLC, sync status).
 * Baseline: the message rows that chunk wrote (read back from the store's file), inserted into a
 * plain table with the same columns, one transaction per chunk (= 1,000 rows).
 *
 * The two sides alternate chunk by chunk, so a noisy neighbour slows both alike.
 */
async function benchHistoryIngest(name: string, shape: HistoryShape, rounds: number): Promise<BenchRow> {
  const app: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const run = await pairedRun(shape);
    app.push(run.app);
    raw.push(run.raw);
  }
  return {
    name,
    unit: 'msg/s',
    value: median(app),
    baseline: median(raw),
    goal: { kind: 'ratioAtLeast', target: 0.5, text: '≥ 0.5× raw insert' },
    notes:
      `${shape.messages} messages in ${shape.chats} chats, chunks of ${MESSAGES_PER_CHUNK} messages; ` +
      `app rounds ${listOf(app)} msg/s, raw rounds ${listOf(raw)} rows/s. ${WHY}`,
  };
}

/** Messages (rows) per second on each side; fixture generation and read-backs are not counted. */
async function pairedRun(shape: HistoryShape): Promise<{ app: number; raw: number }> {
  const temp = await openTempStore();
  const reader = storedMessageReader(path.join(temp.accountDir, DATABASE_FILE_NAME));
  const rawTable = openRawTable(temp.root);
  try {
    const ingest = historyIngest(temp.store);
    let appSeconds = 0;
    let rawSeconds = 0;
    let rows = 0;
    for (const chunk of historyChunks(shape)) {
      const started = performance.now();
      ingest(chunk);
      appSeconds += (performance.now() - started) / 1000;
      const written = reader.next();
      rows += written.length;
      rawSeconds += rawTable.insert(written);
    }
    if (rows !== shape.messages) throw new Error(`app path stored ${rows} of ${shape.messages} messages`);
    return { app: shape.messages / appSeconds, raw: rows / rawSeconds };
  } finally {
    rawTable.close();
    reader.close();
    temp.dispose();
  }
}
