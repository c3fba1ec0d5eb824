/**
 * A solid-colour lossless WebP (VP8L) of any size. With every prefix code holding a single
 * symbol the decoder reads zero bits per pixel, so a 512×512 sticker is ~40 bytes and still a
 * valid file that browsers render.
 */
export function makeSolidWebp(
  width: number,
  height: number,
  [r, g, b, a]: readonly [number, number, number, number],
): Buffer {
  const bits = new LsbBitWriter();
  bits.write(0x2f, 8); // VP8L signature
  bits.write(width - 1, 14);
  bits.write(height - 1, 14);
  bits.write(a === 255 ? 0 : 1, 1); // alpha_is_used hint
  bits.write(0, 3); // version
  bits.write(0, 1); // no transforms
  bits.write(0, 1); // no colour cache
  bits.write(0, 1); // no meta prefix codes
  // Five "simple" prefix codes, one symbol each: green, red, blue, alpha, distance.
  for (const symbol of [g, r, b, a, 0]) {
    bits.write(1, 1); // simple code
    bits.write(0, 1); // one symbol
    bits.write(1, 1); // symbol is 8 bits wide
    bits.write(symbol, 8);
  }
  const vp8l = bits.bytes();
  const chunk = Buffer.concat([
    Buffer.from('VP8L'),
    u32le(vp8l.length),
    vp8l,
    vp8l.length % 2 ? Buffer.from([0]) : Buffer.alloc(0),
  ]);
  return Buffer.concat([Buffer.from('RIFF'), u32le(4 + chunk.length), Buffer.from('WEBP'), chunk]);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

class LsbBitWriter {
  readonly #bytes: number[] = [];
  #acc = 0;
  #n = 0;

  write(value: number, length: number): void {
    for (let i = 0; i < length; i++) {
      this.#acc |= ((value >> i) & 1) << this.#n;
      if (++this.#n === 8) {
        this.#bytes.push(this.#acc);
        this.#acc = 0;
        this.#n = 0;
      }
    }
  }

  bytes(): Buffer {
    return Buffer.from(this.#n ? [...this.#bytes, this.#acc] : this.#bytes);
  }
}
