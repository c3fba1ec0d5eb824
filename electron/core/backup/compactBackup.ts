import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { BackupBucket } from './backupBucket.js';
import { loadMergedView } from './loadMergedView.js';
import type { ManifestBody, ObjectRef, SnapshotRef } from './manifest.js';
import type { ManifestStore } from './ManifestStore.js';
import { SegmentBuilder, segmentAad } from './segmentCodec.js';

export const SNAPSHOT_PART_RECORDS = 50_000;

export type CompactOptions = Readonly<{
  bucket: BackupBucket;
  manifests: ManifestStore;
  now: () => number;
  logger?: Logger;
  nativeBinding?: string;
  partRecords?: number;
}>;

/**
 * Folds the snapshot and all segments into a new snapshot: upload it first, swap the manifest
 * conditionally, delete the old objects last. A crash at any step leaves a readable backup
 * (at worst with unreferenced objects). If another device compacted meanwhile, ours is dropped;
 * segments another device added meanwhile stay listed, since only the ones merged are removed.
 * Returns whether the swap happened.
 */
export async function compactBackup(options: CompactOptions): Promise<boolean> {
  const { bucket, manifests } = options;
  const base = (await manifests.load()) ?? (await manifests.current());
  const key = await manifests.key(base.kdf);
  const generation = base.generation + 1;
  const id = `${String(generation).padStart(10, '0')}-${randomBytes(6).toString('hex')}`;
  const parts: ObjectRef[] = [];
  let hlcMax = '';
  const view = await loadMergedView(bucket, base, key, options.nativeBinding);
  try {
    let builder = new SegmentBuilder();
    const flush = async (): Promise<void> => {
      if (builder.recordCount === 0) return;
      const name = `snapshots/${id}/part-${String(parts.length).padStart(4, '0')}.wab`;
      const sealed = await builder.seal(key, segmentAad(name, generation));
      builder = new SegmentBuilder();
      await bucket.put(name, sealed.body);
      parts.push({ name, generation, bytes: sealed.body.length, records: sealed.records });
    };
    for (const page of view.pages()) {
      for (const record of page) if (record.hlc > hlcMax) hlcMax = record.hlc;
      builder.add(page);
      if (builder.recordCount >= (options.partRecords ?? SNAPSHOT_PART_RECORDS)) await flush();
    }
    await flush();
  } finally {
    view.dispose();
  }
  const snapshot: SnapshotRef = {
    id,
    parts,
    records: parts.reduce((n, p) => n + p.records, 0),
    bytes: parts.reduce((n, p) => n + p.bytes, 0),
    hlcMax,
    createdAt: options.now(),
  };
  const merged = new Set(base.body.segments.map((s) => s.name));
  const baseSnapshotId = base.body.snapshot?.id ?? null;
  const committed = await manifests.commit((body) =>
    (body.snapshot?.id ?? null) !== baseSnapshotId
      ? null
      : { ...body, snapshot, segments: body.segments.filter((s) => !merged.has(s.name)) },
  );
  if (committed === null) {
    options.logger?.info({ snapshotId: id }, 'another device compacted first; dropping our snapshot');
    await bucket.delete(parts.map((p) => p.name));
    return false;
  }
  const obsolete = [...(base.body.snapshot?.parts.map((p) => p.name) ?? []), ...merged];
  await bucket.delete(obsolete);
  await sweepUnreferenced(bucket, committed.body, options.now());
  options.logger?.info(
    { snapshotId: id, records: snapshot.records, bytes: snapshot.bytes, removed: obsolete.length },
    'backup compacted',
  );
  return true;
}

/** Older than this, an unreferenced object is a leftover of a failed commit, not an upload in flight. */
export const SWEEP_MIN_AGE_MS = 60 * 60 * 1000;

/**
 * Deletes segments and snapshot parts no manifest lists (a run that uploaded and then failed to
 * commit). Only old ones: another device may be between its upload and its commit right now.
 */
async function sweepUnreferenced(bucket: BackupBucket, body: ManifestBody, now: number): Promise<void> {
  const referenced = new Set([...body.segments.map((s) => s.name), ...(body.snapshot?.parts.map((p) => p.name) ?? [])]);
  const stale: string[] = [];
  for (const folder of ['segments/', 'snapshots/']) {
    for (const item of await bucket.list(folder)) {
      if (!referenced.has(item.name) && now - item.lastModified > SWEEP_MIN_AGE_MS) stale.push(item.name);
    }
  }
  await bucket.delete(stale);
}
