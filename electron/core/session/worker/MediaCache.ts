import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { MediaCacheUsage } from '../../../../shared/src/index.js';
import { DEFAULT_MEDIA_CACHE_LIMIT_BYTES } from '../../../../shared/src/index.js';
import type { CachedFile } from '../../media/mediaEviction.js';
import { planEviction } from '../../media/mediaEviction.js';
import type { AccountStore, MediaRecord, SettingKey, StoreOp } from '../../store/index.js';
import { mediaFileStem } from '../../whatsapp/media/MediaFetcher.js';

const LIMIT_SETTING = 'mediaCacheLimitBytes' satisfies SettingKey;

export type MediaCacheDeps = Readonly<{
  mediaDir: string;
  store: AccountStore;
  /** Commits and emits (media.changed) in one go. */
  persist: (ops: readonly StoreOp[]) => void;
  /** Files viewed or saved this recently count as on screen and are never evicted. */
  protectRecentMs: number;
  now: () => number;
  log: Logger;
}>;

type ScannedFile = CachedFile & Readonly<{ owner: MediaRecord | undefined }>;

/**
 * The account's downloaded media (`<accountDir>/media`) kept under a size limit, least recently
 * used first. Usage:
 *
 *   const cache = new MediaCache({ mediaDir, store, persist, protectRecentMs, now, log });
 *   await cache.enforce(savedFileName); // after each download
 *   await cache.setLimit(bytes);        // the setting, stored in the account's store
 *
 * "Last access" is the file's modification time: written on download and touched by main's media
 * route each time the window loads it. A message whose file is removed goes back to `remote` with
 * `evictedAt`, so its bubble offers the download again. Its state is committed before the file is
 * deleted: a crash in between leaves a leftover file (removed next time), never a broken image.
 * Every operation runs in one queue, so two scans never race each other.
 */
export class MediaCache {
  readonly #deps: MediaCacheDeps;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: MediaCacheDeps) {
    this.#deps = deps;
  }

  get limitBytes(): number {
    return this.#deps.store.getSetting(LIMIT_SETTING) ?? DEFAULT_MEDIA_CACHE_LIMIT_BYTES;
  }

  usage(): Promise<MediaCacheUsage> {
    return this.#serial(async () => this.#usageOf(await this.#scan()));
  }

  setLimit(limitBytes: number): Promise<MediaCacheUsage> {
    return this.#serial(async () => {
      // Through persist: the setting is a stamped record, and its batch tells the backup it changed.
      this.#deps.persist([{ type: 'setting.set', setting: { key: LIMIT_SETTING, value: limitBytes } }]);
      return this.#usageOf(await this.#evictOverLimit(new Set()));
    });
  }

  /** Evicts down to the target if over the limit; `justSaved` is kept whatever its age. */
  enforce(justSaved?: string): Promise<MediaCacheUsage> {
    return this.#serial(async () => this.#usageOf(await this.#evictOverLimit(new Set(justSaved ? [justSaved] : []))));
  }

  /** Removes every file except downloads in flight ("Clear media cache"). */
  clear(): Promise<MediaCacheUsage> {
    return this.#serial(async () => {
      const files = await this.#scan();
      const inFlight = this.#inFlightNames(files);
      const { evicted } = await this.#evict(files.filter((f) => !inFlight.has(f.name)));
      return this.#usageOf(files.filter((f) => !evicted.has(f.name)));
    });
  }

  async #evictOverLimit(protectedNames: Set<string>): Promise<ScannedFile[]> {
    const files = await this.#scan();
    for (const name of this.#inFlightNames(files)) protectedNames.add(name);
    const plan = planEviction({
      files,
      limitBytes: this.limitBytes,
      protectedNames,
      protectSinceMs: this.#deps.now() - this.#deps.protectRecentMs,
    });
    if (plan.evict.length === 0) return files;
    const { evicted } = await this.#evict(files.filter((f) => plan.evict.some((e) => e.name === f.name)));
    this.#deps.log.info(
      { evicted: evicted.size, usedBytes: plan.usedBytes, limitBytes: this.limitBytes },
      'media cache over its limit: evicted least recently used files',
    );
    return files.filter((f) => !evicted.has(f.name));
  }

  /** Marks the owners `remote` (one commit), then deletes the files. */
  async #evict(files: readonly ScannedFile[]): Promise<{ evicted: Set<string> }> {
    const now = this.#deps.now();
    const ops: StoreOp[] = files.flatMap((f) =>
      f.owner === undefined
        ? []
        : [
            {
              type: 'media.state' as const,
              update: {
                chatId: f.owner.chatId,
                messageId: f.owner.messageId,
                state: { status: 'remote' as const, evictedAt: now },
              },
            },
          ],
    );
    if (ops.length > 0) this.#deps.persist(ops);
    const evicted = new Set<string>();
    for (const f of files) {
      try {
        await fs.rm(path.join(this.#deps.mediaDir, f.name), { force: true });
        evicted.add(f.name);
      } catch (err) {
        this.#deps.log.warn({ err }, 'could not remove a cached media file');
      }
    }
    return { evicted };
  }

  /** Files on disk with size and last access, each mapped to the message that shows it. */
  async #scan(): Promise<ScannedFile[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.#deps.mediaDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const stats = await Promise.all(
      names.map(async (name) => {
        try {
          const st = await fs.stat(path.join(this.#deps.mediaDir, name));
          return st.isFile() ? { name, sizeBytes: st.size, lastAccessMs: st.mtimeMs } : undefined;
        } catch {
          return undefined; // removed meanwhile
        }
      }),
    );
    // Read the rows after listing the folder: a file saved meanwhile has a `downloading` row (in
    // flight, protected) or a `ready` one (referenced), never a stale "leftover" verdict.
    const owners = new Map<string, MediaRecord>();
    for (const record of this.#deps.store.listMediaByStatus(['ready'])) {
      if (record.state.status !== 'ready') continue;
      const name = decodeURIComponent(record.state.url.split('/').at(-1) ?? '');
      owners.set(name, record);
    }
    return stats.flatMap((s) => {
      if (s === undefined) return [];
      const owner = owners.get(s.name);
      return [{ ...s, isReferenced: owner !== undefined, owner }];
    });
  }

  /** Files of messages being downloaded or re-uploaded right now (a re-download rewrites them). */
  #inFlightNames(files: readonly ScannedFile[]): Set<string> {
    const stems = new Set(
      this.#deps.store
        .listMediaByStatus(['downloading', 'reuploadRequested'])
        .map((r) => mediaFileStem(r.chatId, r.messageId)),
    );
    return new Set(files.filter((f) => stems.has(f.name.split('.')[0] ?? '')).map((f) => f.name));
  }

  #usageOf(files: readonly ScannedFile[]): MediaCacheUsage {
    return {
      usedBytes: files.reduce((sum, f) => sum + f.sizeBytes, 0),
      fileCount: files.length,
      limitBytes: this.limitBytes,
    };
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
