import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandId, MediaState, MessageId } from '../../shared/src/index.js';
import type { Contact } from '../sim/contact.js';
import type { MediaKindName } from '../sim/simMedia.js';
import { chatIdOf } from './support/history.js';
import { eventually, WorkerHarness } from './support/workerHarness.js';

function mediaStates(h: WorkerHarness, messageId: string): MediaState[] {
  return h.events().flatMap((e) => (e.type === 'media.changed' && e.messageId === messageId ? [e.state] : []));
}

let counter = 0;
const cmd = (): CommandId => `media-cmd-${++counter}` as CommandId;

async function receive(h: WorkerHarness, ana: Contact, kind: MediaKindName) {
  const sent = await h.sim.media!.send(ana, kind, kind === 'document' ? { fileName: 'notes.pdf' } : {});
  const messageId = `${ana.pnJid}|${ana.pnJid}|${sent.id}` as MessageId;
  await eventually(() => mediaStates(h, messageId).some((m) => m.status === 'remote'));
  return { ...sent, messageId };
}

/** The saved file's bytes once the command finished with the message's media ready. */
async function readyFile(h: WorkerHarness, messageId: MessageId, commandId: CommandId): Promise<Buffer> {
  await h.waitForEvent((e) => e.type === 'commands.completed' && e.commandId === commandId, 15_000, true);
  const last = mediaStates(h, messageId).at(-1);
  if (last?.status !== 'ready') throw new Error(`media ended ${JSON.stringify(last)}`);
  return fs.readFileSync(path.join(h.accountDir, 'media', decodeURIComponent(last.url.split('/').at(-1) ?? '')));
}

describe('AccountWorker: media lane commands', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('downloads a video, a voice note, a document and a sticker byte for byte', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    const worker = await h.pairNewWorker();
    for (const kind of ['video', 'voice', 'document', 'sticker'] as const) {
      const item = await receive(h, ana, kind);
      const id = cmd();
      await worker.downloadMedia(chatIdOf(ana.pnJid), item.messageId, id);
      const bytes = await readyFile(h, item.messageId, id);
      expect(Buffer.compare(bytes, Buffer.from(item.built.plaintext)), kind).toBe(0);
    }
  });

  it('a re-upload request asks the phone even though the CDN still has the file, then downloads its new copy', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    const worker = await h.pairNewWorker();
    const img = await receive(h, ana, 'image');
    const id = cmd();
    await worker.requestReupload(chatIdOf(ana.pnJid), img.messageId, id);
    const bytes = await readyFile(h, img.messageId, id);
    expect(Buffer.compare(bytes, Buffer.from(img.built.plaintext))).toBe(0);
    expect(h.sim.media!.retries).toHaveLength(1);
    expect(mediaStates(h, img.messageId).map((s) => s.status)).toEqual([
      'remote',
      'downloading',
      'reuploadRequested',
      'downloading',
      'ready',
    ]);
    // Nothing waits on the socket any more.
    expect(worker.socketListenerCount('messages.media-update')).toBe(0);
  });
});
