import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandId, MediaState, MessageId } from '../../shared/src/index.js';
import type { AccountWorker } from '../../electron/core/session/AccountWorker.js';
import type { MediaRetryOutcome } from '../sim/media/index.js';
import type { Contact } from '../sim/contact.js';
import { chatIdOf } from './support/history.js';
import { eventually, WorkerHarness } from './support/workerHarness.js';

type Setup = { h: WorkerHarness; worker: AccountWorker; ana: Contact };

async function setup(): Promise<Setup> {
  const h = await WorkerHarness.start({ tuning: { mediaDownloadTimeoutMs: 3_000, mediaReuploadTimeoutMs: 2_500 } });
  const ana = h.sim.addContact({ pushName: 'Ana' });
  const worker = await h.pairNewWorker();
  return { h, worker, ana };
}

/** Ana sends an image; resolves once the worker archived it (media state "remote"). */
async function receiveImage(s: Setup) {
  const media = s.h.sim.media!;
  const sent = await media.send(s.ana, 'image', { caption: 'beach' });
  const messageId = `${s.ana.pnJid}|${s.ana.pnJid}|${sent.id}` as MessageId;
  await eventually(() => mediaStates(s.h, messageId).some((m) => m.status === 'remote'));
  return { ...sent, messageId };
}

function mediaStates(h: WorkerHarness, messageId: string): MediaState[] {
  return h.events().flatMap((e) => (e.type === 'media.changed' && e.messageId === messageId ? [e.state] : []));
}

let counter = 0;
async function download(s: Setup, messageId: MessageId): Promise<MediaState> {
  const commandId = `dl-${++counter}` as CommandId;
  await s.worker.downloadMedia(chatIdOf(s.ana.pnJid), messageId, commandId);
  await s.h.waitForEvent((e) => e.type === 'commands.completed' && e.commandId === commandId, 15_000, true);
  const states = mediaStates(s.h, messageId);
  return states[states.length - 1]!;
}

describe('AccountWorker: media', () => {
  let s: Setup | undefined;
  afterEach(async () => {
    await s?.h.teardown();
    s = undefined;
  });

  it('downloads an image into the account media folder', async () => {
    s = await setup();
    const img = await receiveImage(s);
    const state = await download(s, img.messageId);
    expect(state.status).toBe('ready');
    // The renderer loads it from main's media route; the file sits in the account's media folder.
    const url = (state as { url: string }).url;
    expect(url).toMatch(/^\/media\/[A-Za-z0-9_-]+\/[a-f0-9]{40}\.jpg$/);
    const file = path.join(s.h.accountDir, 'media', decodeURIComponent(url.split('/').at(-1) ?? ''));
    expect(Buffer.compare(fs.readFileSync(file), Buffer.from(img.built.plaintext))).toBe(0);
  });

  it('asks the phone to re-upload expired media and downloads the new copy', async () => {
    s = await setup();
    const img = await receiveImage(s);
    s.h.cdn.expire(img.built.directPath, 410);
    const state = await download(s, img.messageId);
    expect(state.status).toBe('ready');
    expect(mediaStates(s.h, img.messageId).map((m) => m.status)).toContain('reuploadRequested');
    expect(s.h.sim.media!.retries).toHaveLength(1);
    expect(s.worker.socketListenerCount('messages.media-update')).toBe(0);
  });

  const phoneOutcomes: Array<[string, MediaRetryOutcome, string]> = [
    ['the phone no longer has it', { kind: 'result', result: 'NOT_FOUND' }, 'phoneNotFound'],
    ['the phone answers an error code', { kind: 'error', code: 2 }, 'phoneError'],
    ['the phone reply cannot be decrypted', { kind: 'undecryptable' }, 'decryptionFailed'],
    ['the phone never answers', { kind: 'silence' }, 'timedOut'],
  ];
  it.each(phoneOutcomes)('stores the failure reason when %s', async (_what, outcome, failure) => {
    s = await setup();
    const img = await receiveImage(s);
    s.h.cdn.expire(img.built.directPath, 404);
    s.h.sim.media!.retryOutcome = outcome;
    const state = await download(s, img.messageId);
    expect(state).toMatchObject({ status: 'failed', failure });
    // The timeout path must not leave Baileys' media-update waiter behind.
    expect(s.worker.socketListenerCount('messages.media-update')).toBe(0);
    expect(s.worker.socketListenerCount('connection.update')).toBeGreaterThan(0);
  });

  it('stores CDN errors, download timeouts and a body cut mid-way without crashing the process', async () => {
    s = await setup();
    const a = await receiveImage(s);
    s.h.cdn.setFault(a.built.directPath, { status: 500 });
    expect(await download(s, a.messageId)).toMatchObject({ status: 'failed', failure: 'cdnError', httpStatus: 500 });
    const b = await receiveImage(s);
    s.h.cdn.setFault(b.built.directPath, { delayMs: 6_000 });
    expect(await download(s, b.messageId)).toMatchObject({ status: 'failed', failure: 'timedOut' });
    const c = await receiveImage(s);
    s.h.cdn.setFault(c.built.directPath, { dropAfterBytes: 16 });
    expect(await download(s, c.messageId)).toMatchObject({ status: 'failed', failure: 'cdnError' });
  });

  it('retries every failed download in one go', async () => {
    s = await setup();
    const a = await receiveImage(s);
    const b = await receiveImage(s);
    for (const img of [a, b]) s.h.cdn.setFault(img.built.directPath, { status: 500 });
    expect(await download(s, a.messageId)).toMatchObject({ status: 'failed' });
    expect(await download(s, b.messageId)).toMatchObject({ status: 'failed' });
    for (const img of [a, b]) s.h.cdn.clearFault(img.built.directPath);
    expect(await s.worker.retryAllFailedMedia('retry-all' as CommandId)).toBe(2);
    await eventually(() => [a, b].every((img) => mediaStates(s!.h, img.messageId).at(-1)?.status === 'ready'), 10_000);
  });

  it('reports notConnected when the socket closes while the phone is asked', async () => {
    s = await setup();
    const img = await receiveImage(s);
    s.h.cdn.expire(img.built.directPath, 410);
    s.h.sim.media!.retryOutcome = { kind: 'silence' };
    const commandId = 'dl-drop' as CommandId;
    await s.worker.downloadMedia(chatIdOf(s.ana.pnJid), img.messageId, commandId);
    await eventually(() => mediaStates(s!.h, img.messageId).some((m) => m.status === 'reuploadRequested'));
    s.h.sim.faults.conflict();
    const failed = await eventually(() => mediaStates(s!.h, img.messageId).find((m) => m.status === 'failed'));
    expect(failed).toMatchObject({ failure: 'notConnected' });
  });
});
