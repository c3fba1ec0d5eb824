import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BackupDecryptError, newScryptParams } from './backupCrypto.js';
import { withSegments } from './BackupEngine.js';
import type { SegmentRef } from './manifest.js';
import { decodeManifest, emptyManifest, encodeManifest } from './manifest.js';
import { EMPTY_CURSOR } from './recordExporter.js';

const key = randomBytes(32);

const segment = (name: string, device: string): SegmentRef => ({
  name,
  generation: 1,
  bytes: 10,
  records: 1,
  device,
  fromSeq: 0,
  toSeq: 1,
  hlcMax: 'h',
  createdAt: 0,
});

describe('manifest', () => {
  it('round-trips and keeps the KDF params readable', () => {
    const m = { ...emptyManifest('acc1', newScryptParams(), 5), generation: 7 };
    const bytes = encodeManifest(m, key);
    expect(decodeManifest(bytes, key)).toEqual(m);
    expect(bytes.toString('utf8')).not.toContain('acc1');
  });

  it('rejects a header whose generation was edited (the header is authenticated)', () => {
    const bytes = encodeManifest({ ...emptyManifest('acc1', null, 5), generation: 7 }, key);
    const forged = Buffer.from(bytes.toString('utf8').replace('"generation":7', '"generation":8'));
    expect(() => decodeManifest(forged, key)).toThrow(BackupDecryptError);
  });

  it('adding segments on top of another writer manifest keeps every segment (no loss, no duplicates)', () => {
    const names = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 6 });
    fc.assert(
      fc.property(names, names, (theirs, ours) => {
        const base = { ...emptyManifest('acc1', null, 0).body, segments: theirs.map((n) => segment(n, 'b')) };
        const next = withSegments(
          base,
          'a',
          ours.map((n) => segment(n, 'a')),
          { ...EMPTY_CURSOR, seq: 5 },
          1,
        );
        const listed = next.segments.map((s) => s.name);
        expect(new Set(listed).size).toBe(listed.length);
        for (const n of [...theirs, ...ours]) expect(listed).toContain(n);
        expect(next.devices['a']?.cursor.seq).toBe(5);
        // Re-applying after a 412 (same change on the merged view) changes nothing.
        expect(
          withSegments(
            next,
            'a',
            ours.map((n) => segment(n, 'a')),
            { ...EMPTY_CURSOR, seq: 5 },
            1,
          ).segments,
        ).toEqual(next.segments);
      }),
    );
  });
});
