import { createHash } from 'node:crypto';

import { downloadContentFromMessage, type MediaType } from '@whiskeysockets/baileys';
import type { Boom } from '@hapi/boom';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encryptMedia } from '../media/index.js';
import { CdnServer, makeDirectPath, pathKey } from './index.js';

let cdn: CdnServer;
beforeAll(async () => {
  cdn = await CdnServer.start();
});
afterAll(async () => {
  await cdn.close();
});

const get = (directPath: string, headers: Record<string, string> = {}) =>
  fetch(`https://mmg.whatsapp.net${directPath}`, { dispatcher: cdn.dispatcher, headers });

async function download(mediaKey: Buffer, directPath: string, type: MediaType = 'image'): Promise<Buffer> {
  const stream = await downloadContentFromMessage({ mediaKey, directPath }, type, { options: cdn.requestOptions });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('CdnServer', () => {
  it('hands out realistic directPaths and keys items by pathname only', () => {
    const directPath = makeDirectPath('image');
    expect(directPath).toMatch(
      /^\/v\/t62\.7118-24\/\d+_\d+_\d+_n\.enc\?ccb=11-4&oh=01_[\w-]+&oe=[0-9A-F]{8}&_nc_sid=5e03e0&mms3=true$/,
    );
    expect(pathKey(directPath)).toBe(directPath.split('?')[0]);
    expect(pathKey(`https://mmg.whatsapp.net${directPath}`)).toBe(pathKey(directPath));
  });

  it('serves a stored blob for an https://mmg.whatsapp.net URL through the dispatcher and counts requests', async () => {
    const { directPath, url } = cdn.put(Buffer.from('hello cdn'), 'image');
    expect(url).toBe(`https://mmg.whatsapp.net${directPath}`);
    const res = await get(directPath);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('hello cdn');
    // A different signature query on the same path still hits the item.
    expect((await get(`${pathKey(directPath)}?oh=other`)).status).toBe(200);
    expect(cdn.requestCount(directPath)).toBe(2);
  });

  it('lets Baileys download and decrypt what it stores', async () => {
    const plain = Buffer.from('x'.repeat(5000));
    const enc = await encryptMedia(plain, 'image');
    const { directPath } = cdn.put(enc.enc, 'image');
    expect(await download(enc.mediaKey, directPath)).toEqual(plain);
  });

  it('answers 404 for unknown paths', async () => {
    expect((await get(makeDirectPath('video'))).status).toBe(404);
  });

  it.each([403, 404, 410] as const)(
    'makes Baileys fail with a Boom carrying %i once the item is expired',
    async (status) => {
      const enc = await encryptMedia(Buffer.from('soon gone'), 'image');
      const { directPath } = cdn.put(enc.enc, 'image');
      cdn.expire(directPath, status);
      const error = (await download(enc.mediaKey, directPath).catch((e: unknown) => e)) as Boom;
      expect(error.isBoom).toBe(true);
      expect(error.output.statusCode).toBe(status);
      // rc14 reads error.status to decide on a re-upload; the Boom never has it.
      expect((error as unknown as { status?: number }).status).toBeUndefined();
      cdn.clearFault(directPath);
      expect(await download(enc.mediaKey, directPath)).toEqual(Buffer.from('soon gone'));
    },
  );

  it('delays the response when asked to', async () => {
    const { directPath } = cdn.put(Buffer.from('slow'), 'image');
    cdn.setFault(directPath, { delayMs: 150 });
    const started = Date.now();
    expect((await get(directPath)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('drops the connection mid-body', async () => {
    // Not driven through Baileys: rc14 pipes the fetch body without forwarding its error, so a
    // truncated download surfaces as an unhandled stream 'error' and a never-ending output stream.
    const { directPath } = cdn.put(Buffer.alloc(50_000, 1), 'image');
    cdn.setFault(directPath, { dropAfterBytes: 1000 });
    const res = await get(directPath);
    expect(res.headers.get('content-length')).toBe('50000');
    await expect(res.arrayBuffer()).rejects.toThrow(/terminated/);
  });

  it('serves byte ranges like the real CDN', async () => {
    const { directPath } = cdn.put(Buffer.from('0123456789'), 'document');
    const res = await get(directPath, { Range: 'bytes=2-5' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('2345');
  });

  it('re-uploads an item under a new path that works while the old one stays expired', async () => {
    const { directPath, body } = cdn.put(Buffer.from('original'), 'image');
    cdn.expire(directPath);
    const moved = cdn.reupload(directPath);
    expect(moved.directPath).not.toBe(directPath);
    expect(createHash('sha256').update(moved.body).digest()).toEqual(createHash('sha256').update(body).digest());
    expect((await get(moved.directPath)).status).toBe(200);
    expect((await get(directPath)).status).toBe(410);
  });
});
