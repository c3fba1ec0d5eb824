import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  downloadContentFromMessage,
  encryptedStream,
  getBinaryNodeChild,
  getBinaryNodeChildren,
  getWAUploadToServer,
  type MediaConnInfo,
  type SocketConfig,
} from '@whiskeysockets/baileys';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { samplePhoto } from '../media/index.js';
import { buildMediaConnNode, CdnServer } from './index.js';

const logger = pino({ level: 'silent' });
let cdn: CdnServer;
beforeAll(async () => {
  cdn = await CdnServer.start();
});
const tempFiles: string[] = [];
afterAll(async () => {
  await cdn.close();
  await Promise.all(tempFiles.map((f) => rm(f, { force: true })));
});

/** What Baileys' refreshMediaConn builds from the server's `<media_conn>` reply. */
function mediaConnFrom(auth = cdn.uploadAuth): () => Promise<MediaConnInfo> {
  const node = buildMediaConnNode(cdn);
  return () =>
    Promise.resolve({
      auth,
      ttl: Number(node.attrs.ttl),
      fetchDate: new Date(),
      hosts: getBinaryNodeChildren(node, 'host').map(({ attrs }) => ({
        hostname: attrs.hostname ?? '',
        maxContentLengthBytes: Number(attrs.maxContentLengthBytes),
      })),
    });
}

/** Baileys' uploader as the socket builds it; it reads only these config fields. */
function uploader(refreshMediaConn: () => Promise<MediaConnInfo>) {
  const config = { customUploadHosts: [], fetchAgent: cdn.httpsAgent, logger, options: {} };
  return getWAUploadToServer(config as unknown as SocketConfig, refreshMediaConn);
}

async function encryptToFile(plain: Buffer) {
  const src = join(tmpdir(), `sim-upload-${process.pid}-${Date.now()}.jpg`);
  await writeFile(src, plain);
  const enc = await encryptedStream({ url: src }, 'image', { logger });
  tempFiles.push(src, enc.encFilePath);
  return enc;
}

describe('CDN upload endpoint', () => {
  it('describes itself in a <media_conn> node Baileys can read', () => {
    const node = buildMediaConnNode(cdn);
    expect(node.attrs.auth).toBe(cdn.uploadAuth);
    expect(getBinaryNodeChild(node, 'host')?.attrs.hostname).toBe('mmg.whatsapp.net');
  });

  it('accepts an upload from getWAUploadToServer over fetchAgent and serves it for download', async () => {
    const plain = samplePhoto(3);
    const enc = await encryptToFile(plain);
    const upload = uploader(mediaConnFrom());
    const result = await upload(enc.encFilePath, {
      mediaType: 'image',
      fileEncSha256B64: enc.fileEncSha256.toString('base64'),
      timeoutMs: 5000,
    });
    expect(result.directPath).toMatch(/^\/o1\/v\/t62\.7118-24\/f2\/m\w+\.enc\?/);
    expect(result.mediaUrl).toBe(`https://mmg.whatsapp.net${result.directPath}`);
    expect(cdn.uploads.at(-1)).toMatchObject({ uploadPath: '/mms/image', directPath: result.directPath });

    const stream = await downloadContentFromMessage(
      { mediaKey: enc.mediaKey, directPath: result.directPath },
      'image',
      { options: cdn.requestOptions },
    );
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(plain);
  });

  it('rejects an upload with the wrong auth token, so Baileys reports failure on all hosts', async () => {
    const enc = await encryptToFile(samplePhoto(4));
    const before = cdn.uploads.length;
    const upload = uploader(mediaConnFrom('wrong-token'));
    await expect(
      upload(enc.encFilePath, { mediaType: 'image', fileEncSha256B64: enc.fileEncSha256.toString('base64') }),
    ).rejects.toMatchObject({ output: { statusCode: 500 } });
    expect(cdn.uploads.length).toBe(before);
  });

  it('can fail the next uploads on purpose', async () => {
    const enc = await encryptToFile(samplePhoto(5));
    cdn.failUploads(1, 503);
    const upload = uploader(mediaConnFrom());
    await expect(
      upload(enc.encFilePath, { mediaType: 'image', fileEncSha256B64: enc.fileEncSha256.toString('base64') }),
    ).rejects.toMatchObject({ output: { statusCode: 500 } });
  });
});
