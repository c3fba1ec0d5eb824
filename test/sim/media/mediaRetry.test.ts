import {
  decodeBinaryNode,
  decodeMediaRetryNode,
  decryptMediaRetryData,
  downloadContentFromMessage,
  encodeBinaryNode,
  encryptMediaRetryRequest,
  getUrlFromDirectPath,
  proto,
  type BinaryNode,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CdnServer } from '../cdn/index.js';
import {
  buildImageMessage,
  decryptServerErrorReceipt,
  handleServerErrorReceipt,
  parseServerErrorReceipt,
  type BuiltMedia,
  type MediaRetryOutcome,
} from './index.js';

const ME = '15550009999:3@s.whatsapp.net';
const CHAT = '15550001111@s.whatsapp.net';
const { ResultType } = proto.MediaRetryNotification;

let cdn: CdnServer;
beforeAll(async () => {
  cdn = await CdnServer.start();
});
afterAll(async () => {
  await cdn.close();
});

/** Nodes cross the websocket as binary; round-trip them so tests see what the other side parses. */
const overTheWire = async (node: BinaryNode): Promise<BinaryNode> => decodeBinaryNode(encodeBinaryNode(node));

/** One expired image and the app's server-error receipt for it, made by Baileys itself. */
async function expiredImage(key: Partial<WAMessageKey> = {}) {
  const media = await buildImageMessage(cdn);
  cdn.expire(media.directPath, 410);
  const msgKey: WAMessageKey = {
    remoteJid: CHAT,
    fromMe: false,
    id: `3EB0${Math.random().toString(16).slice(2, 14)}`,
    ...key,
  };
  const receipt = await overTheWire(encryptMediaRetryRequest(msgKey, media.mediaKey, ME));
  return { media, msgKey, receipt };
}

function answer(receipt: BinaryNode, media: BuiltMedia, outcome: MediaRetryOutcome, known = true) {
  return handleServerErrorReceipt(receipt, {
    cdn,
    lookup: () => (known ? { mediaKey: media.mediaKey, directPath: media.directPath } : undefined),
    outcome,
  });
}

async function download(mediaKey: Buffer, directPath: string): Promise<Buffer> {
  const stream = await downloadContentFromMessage({ mediaKey, directPath }, 'image', { options: cdn.requestOptions });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('media retry', () => {
  it("accepts Baileys' encryptMediaRetryRequest and reads the request", async () => {
    const { media, msgKey, receipt } = await expiredImage({
      remoteJid: '1203630@g.us',
      participant: '15550002222@s.whatsapp.net',
    });
    expect(parseServerErrorReceipt(receipt)).toEqual({
      msgId: msgKey.id,
      ownJid: '15550009999@s.whatsapp.net',
      remoteJid: '1203630@g.us',
      fromMe: false,
      participant: '15550002222@s.whatsapp.net',
    });
    expect(decryptServerErrorReceipt(receipt, media.mediaKey).stanzaId).toBe(msgKey.id);
  });

  it('rejects a receipt whose stanzaId does not match its id', async () => {
    const { media, receipt } = await expiredImage();
    const forged: BinaryNode = { ...receipt, attrs: { ...receipt.attrs, id: 'OTHER' } };
    expect(() => decryptServerErrorReceipt(forged, media.mediaKey)).toThrow();
    const handled = answer(forged, media, { kind: 'success' });
    expect(handled.problem).toBeTruthy();
    expect(decodeMediaRetryNode(handled.reply!).error?.output.statusCode).toBe(412);
  });

  it('SUCCESS: Baileys decodes a new directPath that downloads the original bytes', async () => {
    const { media, msgKey, receipt } = await expiredImage({
      remoteJid: '1203630@g.us',
      participant: '15550002222@s.whatsapp.net',
    });
    const handled = answer(receipt, media, { kind: 'success' });
    const node = await overTheWire(handled.reply!);
    expect(node.attrs).toMatchObject({ type: 'mediaretry', id: msgKey.id, from: '15550009999@s.whatsapp.net' });

    const event = decodeMediaRetryNode(node);
    expect(event.key).toEqual({
      id: msgKey.id,
      remoteJid: '1203630@g.us',
      fromMe: false,
      participant: '15550002222@s.whatsapp.net',
    });
    expect(event.error).toBeUndefined();
    const result = decryptMediaRetryData(event.media!, media.mediaKey, msgKey.id!);
    expect(result).toMatchObject({
      stanzaId: msgKey.id,
      result: ResultType.SUCCESS,
      directPath: handled.newDirectPath,
    });
    // updateMediaMessage rebuilds the URL from the directPath and the media host, then downloads again.
    expect(getUrlFromDirectPath(result.directPath!)).toMatch(/^https:\/\/mmg\.whatsapp\.net\/v\//);
    expect(await download(media.mediaKey, result.directPath!)).toEqual(media.plaintext);
    await expect(download(media.mediaKey, media.directPath)).rejects.toMatchObject({ output: { statusCode: 410 } });
  });

  it.each([
    [2, 404],
    [3, 412],
    [0, 418],
  ])('<error code="%i"/> becomes a media-update error with status %i', async (code, status) => {
    const { media, receipt } = await expiredImage();
    const event = decodeMediaRetryNode(await overTheWire(answer(receipt, media, { kind: 'error', code }).reply!));
    expect(event.media).toBeUndefined();
    expect(event.error?.output.statusCode).toBe(status);
    expect(event.error?.message).toBe(`Failed to re-upload media (${code})`);
  });

  it.each(['NOT_FOUND', 'GENERAL_ERROR', 'DECRYPTION_ERROR'] as const)(
    'an encrypted result %s decrypts to that result (updateMediaMessage then throws)',
    async (name) => {
      const { media, msgKey, receipt } = await expiredImage();
      const event = decodeMediaRetryNode(
        await overTheWire(answer(receipt, media, { kind: 'result', result: name }).reply!),
      );
      expect(event.error).toBeUndefined();
      const result = decryptMediaRetryData(event.media!, media.mediaKey, msgKey.id!);
      expect(result.result).toBe(ResultType[name]);
      expect(result.directPath).toBeFalsy();
    },
  );

  it('garbage enc_p makes the app-side decryption fail', async () => {
    const { media, msgKey, receipt } = await expiredImage();
    const event = decodeMediaRetryNode(await overTheWire(answer(receipt, media, { kind: 'undecryptable' }).reply!));
    expect(event.media?.ciphertext).toBeDefined();
    expect(() => decryptMediaRetryData(event.media!, media.mediaKey, msgKey.id!)).toThrow();
  });

  it('an <encrypt> without enc_p is reported as a 404 missing ciphertext', async () => {
    const { media, receipt } = await expiredImage();
    const event = decodeMediaRetryNode(
      await overTheWire(answer(receipt, media, { kind: 'missing-ciphertext' }).reply!),
    );
    expect(event.error?.output.statusCode).toBe(404);
    expect(event.error?.message).toMatch(/missing ciphertext/);
  });

  it('silence produces no node', async () => {
    const { media, receipt } = await expiredImage();
    expect(answer(receipt, media, { kind: 'silence' }).reply).toBeUndefined();
  });

  it('an unknown message is answered with error code 2 rather than left hanging', async () => {
    const { media, receipt } = await expiredImage();
    const handled = answer(receipt, media, { kind: 'success' }, false);
    expect(handled.problem).toBe('unknown message');
    expect(decodeMediaRetryNode(handled.reply!).error?.output.statusCode).toBe(404);
  });

  it('chooses the outcome per request when given a function', async () => {
    const { media, msgKey, receipt } = await expiredImage({ fromMe: true });
    const handled = handleServerErrorReceipt(receipt, {
      cdn,
      lookup: () => ({ mediaKey: media.mediaKey, directPath: media.directPath }),
      outcome: (req) => (req.fromMe && req.msgId === msgKey.id ? { kind: 'error', code: 2 } : { kind: 'success' }),
    });
    const event = decodeMediaRetryNode(handled.reply!);
    expect(event.key.fromMe).toBe(true);
    expect(event.error?.output.statusCode).toBe(404);
  });
});
