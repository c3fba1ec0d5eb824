/**
 * A minimal baseline JPEG encoder for test images made of flat 8×8 blocks: every block carries
 * only its DC coefficient, so no DCT is needed, yet the result is a real JFIF file that browsers
 * and libjpeg decode. Enough for thumbnails and "a photo" in UI tests; no native image library.
 */
export type Rgb = readonly [number, number, number];

/** Quantizer for every coefficient; with flat blocks DC = 8·(level − 128), so q=8 gives level − 128. */
const QUANT = 8;
/** Standard DC table (JPEG spec K.3): code-length counts for lengths 1..16, symbols 0..11. */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0] as const;
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
/** AC table with a single symbol: end-of-block, code "0". All AC coefficients are zero. */
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] as const;

export function makeJpeg(blocksWide: number, blocksHigh: number, colorOf: (bx: number, by: number) => Rgb): Buffer {
  const dcCodes = canonicalCodes(DC_BITS);
  const bits = new BitWriter();
  const previousDc = [0, 0, 0];
  for (let by = 0; by < blocksHigh; by++) {
    for (let bx = 0; bx < blocksWide; bx++) {
      const ycc = toYCbCr(colorOf(bx, by));
      for (let c = 0; c < 3; c++) {
        const dc = Math.round((8 * ((ycc[c] ?? 0) - 128)) / QUANT);
        const diff = dc - (previousDc[c] ?? 0);
        previousDc[c] = dc;
        const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
        const code = dcCodes[category];
        if (!code) throw new Error(`DC category ${category} out of range`);
        bits.write(code.code, code.length);
        // Negative differences are sent as (diff − 1) in `category` bits (one's complement form).
        if (category > 0) bits.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
        bits.write(0, 1); // EOB
      }
    }
  }
  const width = blocksWide * 8;
  const height = blocksHigh * 8;
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, [...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xdb, [0, ...new Array<number>(64).fill(QUANT)]),
    segment(0xc0, [8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
    segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES]),
    segment(0xc4, [0x10, ...AC_BITS, 0x00]),
    segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
    bits.finishStuffed(),
    Buffer.from([0xff, 0xd9]),
  ]);
}

function toYCbCr([r, g, b]: Rgb): [number, number, number] {
  return [
    0.299 * r + 0.587 * g + 0.114 * b,
    -0.168736 * r - 0.331264 * g + 0.5 * b + 128,
    0.5 * r - 0.418688 * g - 0.081312 * b + 128,
  ];
}

function segment(marker: number, payload: readonly number[]): Buffer {
  const length = payload.length + 2;
  return Buffer.from([0xff, marker, length >> 8, length & 255, ...payload]);
}

function canonicalCodes(counts: readonly number[]): { code: number; length: number }[] {
  const codes: { code: number; length: number }[] = [];
  let code = 0;
  counts.forEach((count, i) => {
    for (let k = 0; k < count; k++) codes.push({ code: code++, length: i + 1 });
    code <<= 1;
  });
  return codes;
}

class BitWriter {
  readonly #bytes: number[] = [];
  #acc = 0;
  #n = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.#acc = (this.#acc << 1) | ((value >> i) & 1);
      if (++this.#n === 8) this.#flushByte();
    }
  }

  /** Pads with 1-bits and applies JPEG byte stuffing (0xFF in entropy data becomes FF 00). */
  finishStuffed(): Buffer {
    while (this.#n !== 0) this.write(1, 1);
    return Buffer.from(this.#bytes);
  }

  #flushByte(): void {
    this.#bytes.push(this.#acc);
    if (this.#acc === 0xff) this.#bytes.push(0);
    this.#acc = 0;
    this.#n = 0;
  }
}
