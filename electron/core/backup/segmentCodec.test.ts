import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BackupDecryptError } from './backupCrypto.js';
import type { BackupRecord } from './backupRecord.js';
import { decodeSegment, encodeSegment, segmentAad } from './segmentCodec.js';

const key = randomBytes(32);
const records: BackupRecord[] = Array.from({ length: 500 }, (_, i) => ({
  kind: 'message',
  key: `chat\u001f${i}`,
  hlc: `000001700000000-000${i % 10}-abc`,
  deleted: i % 50 === 0,
  value: { body_json: JSON.stringify({ kind: 'text', text: `hello ${i}` }), raw: { b64: 'AAEC' } },
}));

describe('segment codec', () => {
  it('round-trips records and compresses repetitive JSON lines', async () => {
    const body = await encodeSegment(records, key, segmentAad('seg/1', 3));
    expect(await decodeSegment(body, key, segmentAad('seg/1', 3))).toEqual(records);
    const plainBytes = records.reduce((n, r) => n + JSON.stringify(r).length, 0);
    expect(body.length).toBeLessThan(plainBytes / 5);
  });

  it.each([
    ['another name', segmentAad('seg/2', 3), key],
    ['another generation', segmentAad('seg/1', 4), key],
    ['another key', segmentAad('seg/1', 3), randomBytes(32)],
  ])('rejects a segment opened under %s', async (_label, aad, k) => {
    const body = await encodeSegment(records, key, segmentAad('seg/1', 3));
    await expect(decodeSegment(body, k, aad)).rejects.toBeInstanceOf(BackupDecryptError);
  });

  it('rejects a flipped bit', async () => {
    const body = await encodeSegment(records, key, segmentAad('seg/1', 3));
    body[body.length - 20] = (body[body.length - 20] ?? 0) ^ 1;
    await expect(decodeSegment(body, key, segmentAad('seg/1', 3))).rejects.toBeInstanceOf(BackupDecryptError);
  });
});
