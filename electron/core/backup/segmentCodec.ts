import { constants as zlibConstants, createBrotliCompress, brotliDecompress } from 'node:zlib';
import { promisify } from 'node:util';
import type { BackupRecord } from './backupRecord.js';
import { parseRecordLine, recordLine } from './backupRecord.js';
import { openObject, sealObject } from './backupCrypto.js';

/*
 * Segment body: JSON lines, brotli-compressed, then sealed. JSON lines because most record
 * values are already JSON in the store (bodies, details, states), the stream is appendable
 * chunk by chunk, and a human can inspect a decrypted segment; after brotli the repeated field
 * names cost almost nothing, so a binary encoding would buy little for its schema upkeep.
 */

const decompress = promisify(brotliDecompress);

export function segmentAad(name: string, generation: number): string {
  return `segment\n${name}\n${generation}`;
}

/**
 * Usage: `const b = new SegmentBuilder(); b.add(records)…; const { body, records } = await b.seal(key, aad)`.
 * Only the compressed output is held in memory, never the whole JSON text.
 */
export class SegmentBuilder {
  readonly #compressor = createBrotliCompress({
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
      [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
    },
  });
  readonly #parts: Buffer[] = [];
  readonly #done: Promise<void>;
  #records = 0;
  #rawBytes = 0;

  constructor() {
    this.#compressor.on('data', (chunk: Buffer) => this.#parts.push(chunk));
    this.#done = new Promise((resolve, reject) => {
      this.#compressor.once('end', resolve);
      this.#compressor.once('error', reject);
    });
  }

  get recordCount(): number {
    return this.#records;
  }

  get rawBytes(): number {
    return this.#rawBytes;
  }

  add(records: readonly BackupRecord[]): void {
    if (records.length === 0) return;
    const text = `${records.map(recordLine).join('\n')}\n`;
    this.#records += records.length;
    this.#rawBytes += Buffer.byteLength(text);
    this.#compressor.write(text);
  }

  async seal(key: Uint8Array, aad: string): Promise<{ body: Buffer; records: number; rawBytes: number }> {
    this.#compressor.end();
    await this.#done;
    return { body: sealObject(key, Buffer.concat(this.#parts), aad), records: this.#records, rawBytes: this.#rawBytes };
  }
}

export async function encodeSegment(records: readonly BackupRecord[], key: Uint8Array, aad: string): Promise<Buffer> {
  const builder = new SegmentBuilder();
  builder.add(records);
  return (await builder.seal(key, aad)).body;
}

/** Verifies (GCM) before parsing: a tampered or misplaced segment never reaches the store. */
export async function decodeSegment(body: Uint8Array, key: Uint8Array, aad: string): Promise<BackupRecord[]> {
  const text = (await decompress(openObject(key, body, aad))).toString('utf8');
  const records: BackupRecord[] = [];
  for (const line of text.split('\n')) if (line.length > 0) records.push(parseRecordLine(line));
  return records;
}
