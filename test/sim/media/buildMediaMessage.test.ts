import { createHash } from 'node:crypto';

import { downloadMediaMessage, getContentType, type proto, type WAMessage } from '@whiskeysockets/baileys';
import type { Boom } from '@hapi/boom';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { CdnServer } from '../cdn/index.js';
import {
  buildAudioMessage,
  buildDocumentMessage,
  buildImageMessage,
  buildStickerMessage,
  buildVideoMessage,
  buildVoiceNoteMessage,
  decryptMedia,
  type BuiltMedia,
} from './index.js';

let cdn: CdnServer;
beforeAll(async () => {
  cdn = await CdnServer.start();
});
afterAll(async () => {
  await cdn.close();
});

const asWaMessage = (built: BuiltMedia, id: string): WAMessage => ({
  key: { remoteJid: '15550001111@s.whatsapp.net', fromMe: false, id },
  message: built.message,
  messageTimestamp: 1_700_000_000,
});

const kinds: [string, (c: CdnServer) => Promise<BuiltMedia>][] = [
  ['image', (c) => buildImageMessage(c, { caption: 'a photo' })],
  ['video', (c) => buildVideoMessage(c, { caption: 'a clip' })],
  ['audio', (c) => buildAudioMessage(c)],
  ['voice note', (c) => buildVoiceNoteMessage(c, { seconds: 7 })],
  ['document', (c) => buildDocumentMessage(c, { fileName: 'report.pdf', pageCount: 3 })],
  ['sticker', (c) => buildStickerMessage(c)],
];

describe('media message builders', () => {
  it.each(kinds)('%s: downloadMediaMessage returns exactly the original bytes', async (_name, build) => {
    const built = await build(cdn);
    const bytes = await downloadMediaMessage(asWaMessage(built, `ID-${_name}`), 'buffer', {
      options: cdn.requestOptions,
    });
    expect(Buffer.compare(bytes, built.plaintext)).toBe(0);
  });

  it.each(kinds)('%s: carries consistent hashes, length, key and timestamp', async (_name, build) => {
    const built = await build(cdn);
    const type = getContentType(built.message) as keyof proto.IMessage;
    const content = built.message[type] as proto.Message.IImageMessage;
    const blob = cdn.get(content.directPath ?? '');
    expect(blob).toBeDefined();
    expect(content.url).toBe(`https://mmg.whatsapp.net${content.directPath}`);
    expect(Buffer.from(content.fileSha256 ?? [])).toEqual(createHash('sha256').update(built.plaintext).digest());
    expect(Buffer.from(content.fileEncSha256 ?? [])).toEqual(
      createHash('sha256')
        .update(blob?.body ?? '')
        .digest(),
    );
    expect(Number(content.fileLength)).toBe(built.plaintext.length);
    expect(content.mediaKey).toHaveLength(32);
    expect(Number(content.mediaKeyTimestamp)).toBeGreaterThan(1_600_000_000);
    expect(content.mimetype).toBeTruthy();
    expect(await decryptMedia(blob?.body ?? Buffer.alloc(0), built.mediaKey, built.mediaType)).toEqual(built.plaintext);
  });

  it('fills the kind-specific fields', async () => {
    const image = (await buildImageMessage(cdn)).message.imageMessage;
    expect(image).toMatchObject({ width: 64, height: 48, mimetype: 'image/jpeg' });
    expect(Buffer.from(image?.jpegThumbnail ?? []).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const ptt = (await buildVoiceNoteMessage(cdn, { seconds: 9 })).message.audioMessage;
    expect(ptt).toMatchObject({ ptt: true, seconds: 9, mimetype: 'audio/ogg; codecs=opus' });
    const doc = (await buildDocumentMessage(cdn, { fileName: 'a.pdf', pageCount: 4 })).message.documentMessage;
    expect(doc).toMatchObject({ fileName: 'a.pdf', pageCount: 4, mimetype: 'application/pdf' });
    const sticker = (await buildStickerMessage(cdn)).message.stickerMessage;
    expect(sticker).toMatchObject({ mimetype: 'image/webp', width: 512, height: 512 });
  });

  it.each([403, 404, 410] as const)(
    'an expired item fails downloadMediaMessage with a Boom %i and rc14 never asks for a re-upload',
    async (status) => {
      const built = await buildImageMessage(cdn);
      cdn.expire(built.directPath, status);
      const reuploadRequest = vi.fn((m: WAMessage) => Promise.resolve(m));
      const error = (await downloadMediaMessage(
        asWaMessage(built, `EXPIRED-${status}`),
        'buffer',
        { options: cdn.requestOptions },
        { reuploadRequest, logger: { info: () => undefined } as never },
      ).catch((e: unknown) => e)) as Boom;
      expect(error.output.statusCode).toBe(status);
      expect((error as unknown as { status?: number }).status).toBeUndefined();
      expect(reuploadRequest).not.toHaveBeenCalled();
      expect(cdn.requestCount(built.directPath)).toBe(1);
    },
  );

  it('decryptMedia rejects a blob whose MAC does not match', async () => {
    const built = await buildImageMessage(cdn);
    const body = Buffer.from(cdn.get(built.directPath)?.body ?? []);
    body[0] = (body[0] ?? 0) ^ 1;
    await expect(decryptMedia(body, built.mediaKey, 'image')).rejects.toThrow(/MAC/);
  });
});
