import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { BackupConfig } from './BackupConfig.js';
import type { BackupBucket } from './backupBucket.js';
import { openArchiveReader, readArchiveMeta, readArchiveSeq } from './archiveConnection.js';
import { loggableS3Error } from './classifyS3Error.js';
import { compactBackup } from './compactBackup.js';
import type { MediaFileStore } from './mediaFiles.js';
import { attachMediaFiles } from './mediaFiles.js';
import type { ManifestBody, SegmentRef } from './manifest.js';
import { segmentTotals } from './manifest.js';
import { ManifestStore } from './ManifestStore.js';
import type { ExportCursor } from './recordExporter.js';
import { EMPTY_CURSOR, exportSince } from './recordExporter.js';
import { SegmentBuilder, segmentAad } from './segmentCodec.js';

/** Bounds the compressed bytes held before an upload (a history import can change 100k rows). */
export const SEGMENT_MAX_RECORDS = 20_000;

export type BackupRunResult = Readonly<{
  /** Nothing changed since the last backup: no object and no manifest was written. */
  isNoop: boolean;
  segments: number;
  records: number;
  uploadedBytes: number;
  fromSeq: number;
  toSeq: number;
  generation: number;
  /** 412s met (and merged) during this run. */
  conflicts: number;
  isCompacted: boolean;
}>;

export type BackupEngineOptions = Readonly<{
  config: BackupConfig;
  bucket: BackupBucket;
  accountId: string;
  accountDir: string;
  now?: () => number;
  logger?: Logger;
  nativeBinding?: string;
  segmentMaxRecords?: number;
  /** With `config.includeMediaFiles`: where this device keeps downloaded media files. */
  mediaFiles?: MediaFileStore;
}>;

/**
 * Usage: `const engine = new BackupEngine({...}); await engine.runOnce()` — one incremental
 * backup: export what changed since this device's cursor (kept in the manifest), upload it as
 * sealed segments, then list them in the manifest (conditional write, merged on 412), then
 * compact if the segments grew past the thresholds. Not re-entrant: the scheduler serializes.
 */
export class BackupEngine {
  readonly manifests: ManifestStore;
  readonly #options: BackupEngineOptions;
  readonly #now: () => number;
  #deviceId: string | undefined;
  #backedUpSeq: number | undefined;
  /** Media objects known to be in the bucket (content-addressed, so re-uploads are harmless). */
  readonly #uploadedMedia = new Set<string>();

  constructor(options: BackupEngineOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.manifests = new ManifestStore(
      options.bucket,
      options.config.encryption,
      options.accountId,
      this.#now,
      options.logger,
    );
  }

  /** Change-log positions not yet in the backup (for the status line); unknown before the first run. */
  pendingChanges(currentSeq: number): number {
    return Math.max(0, currentSeq - (this.#backedUpSeq ?? 0));
  }

  async runOnce(): Promise<BackupRunResult> {
    const conflictsBefore = this.manifests.conflicts;
    const reader = openArchiveReader(this.#options.accountDir, this.#options.nativeBinding);
    const uploaded: SegmentRef[] = [];
    let cursor: ExportCursor;
    let next: ExportCursor;
    try {
      // The store's HLC node id is unique per archive file: it names this device in the manifest.
      this.#deviceId ??= readArchiveMeta(reader, 'hlc_node') ?? 'unknown';
      const device = this.#deviceId;
      const manifest = await this.manifests.current();
      cursor = manifest.body.devices[device]?.cursor ?? EMPTY_CURSOR;
      if (cursor.seq > readArchiveSeq(reader)) {
        // The archive went back (restored from a copy): re-send everything; merging is idempotent.
        this.#options.logger?.warn({ cursorSeq: cursor.seq }, 'archive is behind the backup cursor; full backup');
        cursor = EMPTY_CURSOR;
      }
      const generation = manifest.generation + 1;
      const run = exportSince(reader, cursor);
      let builder = new SegmentBuilder();
      let hlcMax = '';
      const flush = async (): Promise<void> => {
        if (builder.recordCount === 0) return;
        const current = builder;
        builder = new SegmentBuilder();
        uploaded.push(await this.#upload(current, device, cursor.seq, run.upperSeq, hlcMax, generation));
      };
      const mediaFiles = this.#options.config.includeMediaFiles ? this.#options.mediaFiles : undefined;
      const key = await this.manifests.key(manifest.kdf);
      for await (const chunk of run.chunks) {
        for (const record of chunk.records) if (record.hlc > hlcMax) hlcMax = record.hlc;
        builder.add(
          mediaFiles === undefined
            ? chunk.records
            : await attachMediaFiles(chunk.records, mediaFiles, this.#options.bucket, key, this.#uploadedMedia),
        );
        if (builder.recordCount >= (this.#options.segmentMaxRecords ?? SEGMENT_MAX_RECORDS)) await flush();
      }
      await flush();
      next = run.next();
    } finally {
      reader.close();
    }
    const device = this.#deviceId;
    if (uploaded.length === 0) {
      this.#backedUpSeq = next.seq;
      return this.#result(true, [], cursor, next, (await this.manifests.current()).generation, conflictsBefore, false);
    }
    const committed = await this.manifests.commit((body) => withSegments(body, device, uploaded, next, this.#now()));
    this.#backedUpSeq = next.seq;
    const generation = committed?.generation ?? (await this.manifests.current()).generation;
    const totals = segmentTotals(committed?.body ?? (await this.manifests.current()).body);
    let isCompacted = false;
    if (
      totals.count > this.#options.config.compactAfterSegments ||
      totals.bytes > this.#options.config.compactAfterBytes
    ) {
      try {
        isCompacted = await compactBackup({
          bucket: this.#options.bucket,
          manifests: this.manifests,
          now: this.#now,
          ...(this.#options.logger === undefined ? {} : { logger: this.#options.logger }),
          ...(this.#options.nativeBinding === undefined ? {} : { nativeBinding: this.#options.nativeBinding }),
        });
      } catch (err) {
        // The backup itself is committed; compaction is only housekeeping and is tried again
        // after the next segment.
        this.#options.logger?.warn({ err: loggableS3Error(err) }, 'backup compaction failed');
      }
    }
    return this.#result(false, uploaded, cursor, next, generation, conflictsBefore, isCompacted);
  }

  async #upload(
    builder: SegmentBuilder,
    device: string,
    fromSeq: number,
    toSeq: number,
    hlcMax: string,
    generation: number,
  ): Promise<SegmentRef> {
    const name = `segments/${device}/${String(toSeq).padStart(12, '0')}-${randomBytes(6).toString('hex')}.wab`;
    const key = await this.manifests.key((await this.manifests.current()).kdf);
    const sealed = await builder.seal(key, segmentAad(name, generation));
    await this.#options.bucket.put(name, sealed.body);
    this.#options.logger?.debug(
      { records: sealed.records, bytes: sealed.body.length, fromSeq, toSeq },
      'backup segment uploaded',
    );
    return {
      name,
      generation,
      bytes: sealed.body.length,
      records: sealed.records,
      device,
      fromSeq,
      toSeq,
      hlcMax,
      createdAt: this.#now(),
    };
  }

  #result(
    isNoop: boolean,
    uploaded: readonly SegmentRef[],
    from: ExportCursor,
    to: ExportCursor,
    generation: number,
    conflictsBefore: number,
    isCompacted: boolean,
  ): BackupRunResult {
    return {
      isNoop,
      segments: uploaded.length,
      records: uploaded.reduce((n, s) => n + s.records, 0),
      uploadedBytes: uploaded.reduce((n, s) => n + s.bytes, 0),
      fromSeq: from.seq,
      toSeq: to.seq,
      generation,
      conflicts: this.manifests.conflicts - conflictsBefore,
      isCompacted,
    };
  }
}

/** Pure: our new segments and cursor on top of whatever the manifest holds now (no loss). */
export function withSegments(
  body: ManifestBody,
  device: string,
  segments: readonly SegmentRef[],
  cursor: ExportCursor,
  now: number,
): ManifestBody {
  const known = new Set(body.segments.map((s) => s.name));
  const held = body.devices[device];
  const hlcMax = segments.reduce((max, s) => (s.hlcMax > max ? s.hlcMax : max), held?.hlcMax ?? '');
  const isAhead = held === undefined || cursor.seq >= held.cursor.seq;
  return {
    ...body,
    segments: [...body.segments, ...segments.filter((s) => !known.has(s.name))],
    devices: {
      ...body.devices,
      [device]: {
        cursor: isAhead ? { ...cursor, journalIdsAtMs: [...cursor.journalIdsAtMs] } : held.cursor,
        hlcMax,
        lastBackupAt: now,
      },
    },
  };
}
