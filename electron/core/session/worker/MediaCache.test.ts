import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaState, MessageDraft } from '../../../../shared/src/index.js';
import type { AccountStore, StoreOp } from '../../store/index.js';
import type { TempProfile } from '../../store/storeFixtures.js';
import { makeMediaInfo, makeMessage, makeTempProfile, openTestStore } from '../../store/storeFixtures.js';
import { mediaFileStem } from '../../whatsapp/media/MediaFetcher.js';
import { MediaCache } from './MediaCache.js';

const NOW = 1_800_000_000_000;

type World = { profile: TempProfile; store: AccountStore; mediaDir: string; cache: MediaCache; emitted: StoreOp[] };

async function world(protectRecentMs = 0): Promise<World> {
  const profile = makeTempProfile();
  const store = await openTestStore(profile.accountDir);
  const mediaDir = path.join(profile.accountDir, 'media');
  fs.mkdirSync(mediaDir);
  const emitted: StoreOp[] = [];
  const cache = new MediaCache({
    mediaDir,
    store,
    persist: (ops) => {
      emitted.push(...ops);
      store.applyBatch(ops);
    },
    protectRecentMs,
    now: () => NOW,
    log: pino({ level: 'silent' }),
  });
  return { profile, store, mediaDir, cache, emitted };
}

/** A media message whose file (`bytes` long, last viewed `ageMs` ago) is on disk in `state`. */
function cached(w: World, bytes: number, ageMs: number, status: 'ready' | 'downloading'): MessageDraft {
  const message = makeMessage({ body: { kind: 'media', media: makeMediaInfo(), caption: null } });
  const name = `${mediaFileStem(message.chatId, message.id)}.jpg`;
  const state: MediaState = status === 'ready' ? { status, url: `/media/acc1/${name}` } : { status, progress: null };
  w.store.applyBatch([
    { type: 'message.upsert', message },
    { type: 'media.state', update: { chatId: message.chatId, messageId: message.id, state } },
  ]);
  const file = path.join(w.mediaDir, name);
  fs.writeFileSync(file, Buffer.alloc(bytes, 1));
  fs.utimesSync(file, (NOW - ageMs) / 1000, (NOW - ageMs) / 1000);
  return message;
}

const fileOf = (w: World, m: MessageDraft) => path.join(w.mediaDir, `${mediaFileStem(m.chatId, m.id)}.jpg`);
const stateOf = (w: World, m: MessageDraft) => w.store.getMedia(m.chatId, m.id)?.state;

describe('MediaCache', () => {
  let w: World | undefined;
  afterEach(() => {
    w?.store.close();
    w?.profile.cleanup();
    w = undefined;
  });

  it('never evicts a file whose message is downloading, even the least recently used one', async () => {
    w = await world();
    const downloading = cached(w, 400, 90_000, 'downloading');
    const old = cached(w, 400, 60_000, 'ready');
    const recent = cached(w, 400, 30_000, 'ready');
    await w.cache.setLimit(1_000);
    expect(fs.existsSync(fileOf(w, downloading))).toBe(true);
    expect(fs.existsSync(fileOf(w, old))).toBe(false);
    expect(fs.existsSync(fileOf(w, recent))).toBe(true);
    expect(stateOf(w, old)).toEqual({ status: 'remote', evictedAt: NOW });
    expect(stateOf(w, downloading)).toEqual({ status: 'downloading', progress: null });
  });

  it('removes leftover files first and keeps what was viewed within the protection window', async () => {
    w = await world(45_000);
    const shown = cached(w, 500, 10_000, 'ready');
    const old = cached(w, 500, 120_000, 'ready');
    fs.writeFileSync(path.join(w.mediaDir, `${'0'.repeat(40)}.jpg`), Buffer.alloc(300, 1));
    // 1300 bytes against 1000: the leftover (300) and then the old photo (500) go; the one on screen stays.
    const usage = await w.cache.setLimit(1_000);
    expect(usage).toEqual({ usedBytes: 500, fileCount: 1, limitBytes: 1_000 });
    expect(fs.readdirSync(w.mediaDir)).toEqual([path.basename(fileOf(w, shown))]);
    expect(stateOf(w, old)).toMatchObject({ status: 'remote' });
    // Only messages were marked: the leftover had none (the other op is the setting itself).
    expect(w.emitted.filter((op) => op.type === 'media.state')).toHaveLength(1);
  });

  it('does nothing within the limit and keeps the limit in the store', async () => {
    w = await world();
    cached(w, 400, 60_000, 'ready');
    expect(await w.cache.setLimit(400)).toEqual({ usedBytes: 400, fileCount: 1, limitBytes: 400 });
    // Only the setting was committed: nothing evicted.
    expect(w.emitted).toEqual([{ type: 'setting.set', setting: { key: 'mediaCacheLimitBytes', value: 400 } }]);
    expect(w.store.getSetting('mediaCacheLimitBytes')).toBe(400);
    expect(w.cache.limitBytes).toBe(400);
  });
});
