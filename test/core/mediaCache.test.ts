import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountId, CommandId, MediaState, MessageId } from '../../shared/src/index.js';
import type { AccountWorker } from '../../electron/core/session/AccountWorker.js';
import type { Contact } from '../sim/contact.js';
import { chatIdOf } from './support/history.js';
import { eventually, WorkerHarness } from './support/workerHarness.js';

type Setup = { h: WorkerHarness; worker: AccountWorker; ana: Contact };

async function setup(): Promise<Setup> {
  // Nothing counts as "on screen" by age here: the test sets each file's last access itself.
  const h = await WorkerHarness.start({ tuning: { mediaCacheProtectRecentMs: 0 } });
  const ana = h.sim.addContact({ pushName: 'Ana' });
  const worker = await h.pairNewWorker();
  return { h, worker, ana };
}

function mediaStates(h: WorkerHarness, messageId: string): MediaState[] {
  return h.events().flatMap((e) => (e.type === 'media.changed' && e.messageId === messageId ? [e.state] : []));
}

let counter = 0;
/** Ana sends an image and the worker downloads it; returns its message id and cached file path. */
async function cachedImage(s: Setup, caption: string): Promise<{ messageId: MessageId; file: string }> {
  const sent = await s.h.sim.media!.send(s.ana, 'image', { caption });
  const messageId = `${s.ana.pnJid}|${s.ana.pnJid}|${sent.id}` as MessageId;
  await eventually(() => mediaStates(s.h, messageId).some((m) => m.status === 'remote'));
  return { messageId, file: await download(s, messageId) };
}

async function download(s: Setup, messageId: MessageId): Promise<string> {
  const commandId = `cache-dl-${++counter}` as CommandId;
  await s.worker.downloadMedia(chatIdOf(s.ana.pnJid), messageId, commandId);
  await s.h.waitForEvent((e) => e.type === 'commands.completed' && e.commandId === commandId, 15_000, true);
  const last = mediaStates(s.h, messageId).at(-1);
  if (last?.status !== 'ready') throw new Error(`download ended ${last?.status}`);
  return path.join(s.h.accountDir, 'media', decodeURIComponent(last.url.split('/').at(-1) ?? ''));
}

/** What main's media route does when the window shows a file. */
function viewedAt(file: string, atMs: number): void {
  fs.utimesSync(file, atMs / 1000, atMs / 1000);
}

async function storedState(s: Setup, messageId: MessageId): Promise<MediaState | undefined> {
  const page = await s.worker.pageMessages({
    accountId: 'acc1' as AccountId,
    chatId: chatIdOf(s.ana.pnJid),
    beforeTimestamp: null,
    limit: 50,
  });
  const body = page.messages.find((m) => m.id === messageId)?.body;
  return body?.kind === 'media' ? body.media.state : undefined;
}

describe('AccountWorker: media cache limit', () => {
  let s: Setup | undefined;
  afterEach(async () => {
    await s?.h.teardown();
    s = undefined;
  });

  it('evicts the least recently viewed files, marks them downloadable again, and keeps a fresh download', async () => {
    s = await setup();
    const a = await cachedImage(s, 'a');
    const b = await cachedImage(s, 'b');
    const c = await cachedImage(s, 'c');
    const now = Date.now();
    // Viewed order (oldest first): b, a, c, not the download order.
    viewedAt(b.file, now - 30_000);
    viewedAt(a.file, now - 20_000);
    viewedAt(c.file, now - 10_000);
    const sizes = [a, b, c].map((x) => fs.statSync(x.file).size);
    const used = sizes.reduce((x, y) => x + y, 0);
    expect(await s.worker.mediaCacheUsage()).toEqual({
      usedBytes: used,
      fileCount: 3,
      limitBytes: 2 * 1024 ** 3,
    });

    // Just under what is stored: down to 90 % of the limit, which one file (the least recent) reaches.
    const limit = used - 1;
    expect(used - sizes[1]!).toBeLessThanOrEqual(Math.floor(limit * 0.9));
    const after = await s.worker.setMediaCacheLimit(limit);
    expect(fs.existsSync(b.file)).toBe(false);
    expect(fs.existsSync(a.file) && fs.existsSync(c.file)).toBe(true);
    expect(after).toEqual({ usedBytes: used - sizes[1]!, fileCount: 2, limitBytes: limit });
    const evicted = mediaStates(s.h, b.messageId).at(-1);
    expect(evicted?.status === 'remote' && evicted.evictedAt).toBeGreaterThanOrEqual(now);
    const stored = await storedState(s, b.messageId);
    expect(stored?.status === 'remote' && stored.evictedAt).toBe(evicted?.status === 'remote' && evicted.evictedAt);

    // Downloading b again goes over the limit once more: the just-saved file stays, the least
    // recently viewed other one (a) goes.
    const bAgain = await download(s, b.messageId);
    await eventually(() => !fs.existsSync(a.file));
    expect(fs.existsSync(bAgain) && fs.existsSync(c.file)).toBe(true);
    expect(await storedState(s, a.messageId)).toMatchObject({ status: 'remote' });
    expect(await storedState(s, b.messageId)).toMatchObject({ status: 'ready' });

    // The limit survives a restart of the worker.
    await s.worker.stop();
    s.worker = await s.h.startWorker();
    await s.h.waitForConnection('open', 20_000);
    expect((await s.worker.mediaCacheUsage()).limitBytes).toBe(limit);
  });

  it('clears the whole cache on request and every message offers the download again', async () => {
    s = await setup();
    const a = await cachedImage(s, 'a');
    const b = await cachedImage(s, 'b');
    fs.writeFileSync(path.join(path.dirname(a.file), `${'f'.repeat(40)}.jpg`), 'leftover of a crash');
    expect((await s.worker.mediaCacheUsage()).fileCount).toBe(3);
    expect(await s.worker.clearMediaCache()).toMatchObject({ usedBytes: 0, fileCount: 0 });
    expect(fs.readdirSync(path.dirname(a.file))).toEqual([]);
    for (const x of [a, b]) expect(await storedState(s, x.messageId)).toMatchObject({ status: 'remote' });
    // And a download after clearing works as before.
    expect(fs.existsSync(await download(s, a.messageId))).toBe(true);
  });
});
