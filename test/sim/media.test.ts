import { downloadMediaMessage } from '@whiskeysockets/baileys';
import type { WAMessage } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyMessage } from './history/index.js';
import type { MediaKindName } from './simMedia.js';
import { waitForEvent } from './testing/events.js';
import { startPairedWorld } from './testing/fixtures.js';
import type { PairedWorld } from './testing/fixtures.js';

const CONTENT_KEY: Record<MediaKindName, string> = {
  image: 'imageMessage',
  video: 'videoMessage',
  audio: 'audioMessage',
  voice: 'audioMessage',
  document: 'documentMessage',
  sticker: 'stickerMessage',
};

describe('media from contacts through the loopback CDN', () => {
  let w: PairedWorld;
  beforeAll(async () => {
    w = await startPairedWorld({ sim: { media: true } });
  });
  afterAll(async () => {
    await w.teardown();
  });

  const download = (msg: WAMessage): Promise<Buffer> =>
    downloadMediaMessage<'buffer'>(msg, 'buffer', { options: w.sim.media!.cdn.requestOptions });

  it.each(['image', 'video', 'audio', 'voice', 'document', 'sticker'] as const)(
    'delivers a %s message whose blob downloads and decrypts to the original bytes',
    async (kind) => {
      const lia = w.sim.addContact({ pushName: 'Lia' });
      const { id, built } = await w.sim.media!.send(lia, kind, { caption: `a ${kind}` });
      const msg = await w.upserts.byId(id);
      expect(msg.message?.[CONTENT_KEY[kind] as keyof typeof msg.message]).toBeTruthy();
      if (kind === 'voice') expect(msg.message?.audioMessage?.ptt).toBe(true);
      expect((await download(msg)).equals(built.plaintext)).toBe(true);
    },
  );

  it('answers a media re-upload request (server-error receipt) so an expired blob downloads again', async () => {
    const mo = w.sim.addContact({ pushName: 'Mo' });
    const { id, built } = await w.sim.media!.send(mo, 'image');
    const msg = await w.upserts.byId(id);
    w.sim.media!.cdn.expire(built.directPath, 410);
    await expect(download(msg)).rejects.toThrow();
    w.sim.media!.retryOutcome = { kind: 'success' };
    const updated = await w.client.sock.updateMediaMessage(msg);
    expect(updated.message?.imageMessage?.directPath).not.toBe(built.directPath);
    expect((await download(updated)).equals(built.plaintext)).toBe(true);
  });

  it('reports a phone that no longer has the media (error code 2 → 404)', async () => {
    const ned = w.sim.addContact({ pushName: 'Ned' });
    const { id, built } = await w.sim.media!.send(ned, 'document');
    const msg = await w.upserts.byId(id);
    w.sim.media!.cdn.expire(built.directPath, 404);
    w.sim.media!.retryOutcome = { kind: 'error', code: 2 };
    await expect(w.client.sock.updateMediaMessage(msg)).rejects.toMatchObject({ output: { statusCode: 404 } });
  });

  it('delivers a history chunk through the CDN from the phone (self-only protocol message)', async () => {
    const ola = w.sim.addContact({ pushName: 'Ola' });
    const history = waitForEvent(w.client.sock, 'messaging-history.set', (h) =>
      h.messages.some((m) => m.key.id === 'HIST00000000000001'),
    );
    const { directPath } = await w.sim.sendHistoryViaCdn({
      syncType: 'RECENT',
      progress: 100,
      conversations: [
        {
          id: ola.pnJid,
          messages: [
            historyMessage({
              remoteJid: ola.pnJid,
              id: 'HIST00000000000001',
              timestamp: 1_700_000_000,
              text: 'from the past',
            }),
          ],
        },
      ],
    });
    const set = await history;
    expect(set.messages.find((m) => m.key.id === 'HIST00000000000001')?.message?.conversation).toBe('from the past');
    expect(w.sim.media!.cdn.requestCount(directPath)).toBe(1);
  });

  it('sent nothing in plaintext and left no query unanswered', () => {
    expect(w.sim.stats.plaintextStanzas).toBe(0);
    expect(w.sim.observed.unansweredIqs()).toEqual([]);
  });
});
