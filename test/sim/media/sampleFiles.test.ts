import { describe, expect, it } from 'vitest';

import { makeJpeg, makeSolidWebp, sampleMp4, sampleOpus, samplePdf, samplePhoto, sampleSticker } from './index.js';

/** sharp (libjpeg/libwebp) is in node_modules as Baileys' optional image library; use it to prove the files decode. */
const sharp = await import('sharp').then((m) => m.default).catch(() => undefined);

describe('sample files', () => {
  it.skipIf(!sharp)('makeJpeg produces a JPEG that libjpeg decodes to the requested block colours', async () => {
    const jpeg = makeJpeg(2, 1, (bx) => (bx === 0 ? [200, 30, 30] : [30, 30, 200]));
    const { data, info } = await sharp!(jpeg).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([16, 8, 3]);
    const px = (x: number) => [...data.subarray(x * 3, x * 3 + 3)];
    px(0).forEach((v, i) => expect(Math.abs(v - [200, 30, 30][i]!)).toBeLessThanOrEqual(3));
    px(15).forEach((v, i) => expect(Math.abs(v - [30, 30, 200][i]!)).toBeLessThanOrEqual(3));
  });

  it.skipIf(!sharp)('samplePhoto and sampleSticker are images of the advertised size', async () => {
    expect(await sharp!(samplePhoto()).metadata()).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(await sharp!(sampleSticker()).metadata()).toMatchObject({ format: 'webp', width: 512, height: 512 });
    const { data } = await sharp!(makeSolidWebp(3, 2, [1, 2, 3, 255]))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([1, 2, 3]);
  });

  it('audio, video and document samples carry their container signatures', () => {
    const ogg = sampleOpus(2);
    expect(ogg.subarray(0, 4).toString()).toBe('OggS');
    expect(ogg.includes(Buffer.from('OpusHead'))).toBe(true);
    expect(sampleMp4().subarray(4, 8).toString()).toBe('ftyp');
    const pdf = samplePdf('Title', 3).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('/Count 3');
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
  });
});
