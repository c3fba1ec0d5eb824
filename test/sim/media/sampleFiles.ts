/**
 * Small, structurally real media files for contacts to send. Only images must render (the UI
 * shows them); audio, video and documents need the right container signatures and sizes so
 * mime sniffing, file sizes and "open document" paths behave, not playable content.
 */
import { makeJpeg, type Rgb } from './tinyJpeg.js';
import { makeSolidWebp } from './tinyWebp.js';

/** A 64×48 JPEG with a colour gradient, distinct per `seed` so two photos differ on screen. */
export function samplePhoto(seed = 0): Buffer {
  return makeJpeg(8, 6, (bx, by): Rgb => [(bx * 32 + seed * 53) % 256, (by * 40 + seed * 29) % 256, 200 - bx * 10]);
}

/** A 16×16 JPEG, the size class of WhatsApp's inline `jpegThumbnail`. */
export function sampleThumbnail(seed = 0): Buffer {
  return makeJpeg(2, 2, (bx, by): Rgb => [(120 + seed * 53) % 256, 90 + bx * 60, 90 + by * 60]);
}

/** A 512×512 sticker-sized WebP. */
export function sampleSticker(seed = 0): Buffer {
  return makeSolidWebp(512, 512, [(40 + seed * 71) % 256, 180, 120, 255]);
}

/** Ogg/Opus: the OpusHead and OpusTags pages and one page of empty (DTX) packets. */
export function sampleOpus(seconds = 3): Buffer {
  const serial = 0x5157_4131;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0);
  head.writeUInt8(1, 8); // version
  head.writeUInt8(1, 9); // mono
  head.writeUInt16LE(312, 10); // pre-skip
  head.writeUInt32LE(48_000, 12);
  const vendor = Buffer.from('wa-sim');
  const tags = Buffer.concat([Buffer.from('OpusTags'), u32le(vendor.length), vendor, u32le(0)]);
  // One TOC byte (CELT, 20 ms) per packet = an empty frame, which decoders treat as silence.
  const packets = Array.from({ length: Math.min(seconds * 50, 255) }, () => Buffer.from([0xf8]));
  return Buffer.concat([
    oggPage(serial, 0, 0x02, 0n, [head]),
    oggPage(serial, 1, 0x00, 0n, [tags]),
    oggPage(serial, 2, 0x04, BigInt(seconds * 48_000), packets),
  ]);
}

/** ISO-BMFF with `ftyp` and an empty `mdat`: sniffs as MP4, does not play. */
export function sampleMp4(): Buffer {
  const ftyp = box('ftyp', Buffer.concat([Buffer.from('isom'), u32be(0x200), Buffer.from('isomiso2avc1mp41')]));
  return Buffer.concat([ftyp, box('free', Buffer.alloc(8)), box('mdat', Buffer.alloc(0))]);
}

/** A valid PDF with `pageCount` pages, each showing `title`. */
export function samplePdf(title = 'Simulated document', pageCount = 1): Buffer {
  const objects: string[] = [];
  const pageIds = Array.from({ length: pageCount }, (_, i) => 4 + i * 2);
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageCount} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (let i = 0; i < pageCount; i++) {
    const text = `BT /F1 18 Tf 72 720 Td (${title.replace(/[()\\]/g, '')} - page ${i + 1}) Tj ET`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`,
    );
    objects.push(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function oggPage(serial: number, sequence: number, flags: number, granule: bigint, packets: readonly Buffer[]): Buffer {
  const segments = packets.map((p) => {
    if (p.length >= 255) throw new Error('sample packets must be shorter than 255 bytes');
    return p.length;
  });
  const header = Buffer.alloc(27);
  header.write('OggS', 0);
  header.writeUInt8(flags, 5);
  header.writeBigUInt64LE(granule, 6);
  header.writeUInt32LE(serial, 14);
  header.writeUInt32LE(sequence, 18);
  header.writeUInt8(segments.length, 26);
  const page = Buffer.concat([header, Buffer.from(segments), ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/** Ogg's CRC-32: polynomial 0x04C11DB7, no reflection, initial value 0, computed with the CRC field zeroed. */
function oggCrc(data: Buffer): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 24;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000_0000 ? (crc << 1) ^ 0x04c1_1db7 : crc << 1;
  }
  return crc >>> 0;
}

function box(type: string, payload: Buffer): Buffer {
  return Buffer.concat([u32be(8 + payload.length), Buffer.from(type), payload]);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function u32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
