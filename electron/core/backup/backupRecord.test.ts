import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../store/hlc.js';
import type { BackupRecord } from './backupRecord.js';
import { mergeRecords, mergeRecordSets, parseRecordLine, recordLine } from './backupRecord.js';

// Few keys, few nodes, few wall times: collisions (same key, same stamp) are common, which is
// where a merge usually breaks.
const stamp = fc
  .record({
    wallMs: fc.integer({ min: 0, max: 3 }),
    counter: fc.integer({ min: 0, max: 2 }),
    node: fc.constantFrom('a', 'b'),
  })
  .map(encodeHlc);
const value = fc.oneof(
  fc.constant(null),
  fc.record({ text: fc.string({ maxLength: 3 }), n: fc.integer({ min: 0, max: 2 }) }),
  fc.dictionary(fc.constantFrom('x', 'y', 'z'), fc.integer({ min: 0, max: 1 })),
);
const recordFor = (key: string): fc.Arbitrary<BackupRecord> =>
  fc.record({ kind: fc.constant('message' as const), key: fc.constant(key), hlc: stamp, deleted: fc.boolean(), value });
// Settings records as the exporter writes them: the JSON text of the value, none when deleted.
const settingFor = (key: string): fc.Arbitrary<BackupRecord> =>
  fc.record({ hlc: stamp, deleted: fc.boolean(), n: fc.integer({ min: 1, max: 3 }) }).map(({ hlc, deleted, n }) => ({
    kind: 'setting' as const,
    key,
    hlc,
    deleted,
    value: { key, value_json: deleted ? null : JSON.stringify(n * 1_000) },
  }));
// One identity per draw (a message or a setting), so every property covers both kinds.
const sameIdentity = fc.boolean().map((isSetting) => (isSetting ? settingFor('mediaCacheLimitBytes') : recordFor('k')));
const anyKey = fc.oneof(
  fc.constantFrom('k1', 'k2', 'k3').chain(recordFor),
  fc.constantFrom('mediaCacheLimitBytes', 'other').chain(settingFor),
);

describe('mergeRecords', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(
        sameIdentity.chain((r) => fc.tuple(r, r)),
        ([a, b]) => {
          expect(recordLine(mergeRecords(a, b))).toBe(recordLine(mergeRecords(b, a)));
        },
      ),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(
        sameIdentity.chain((r) => fc.tuple(r, r, r)),
        ([a, b, c]) => {
          expect(recordLine(mergeRecords(mergeRecords(a, b), c))).toBe(recordLine(mergeRecords(a, mergeRecords(b, c))));
        },
      ),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        sameIdentity.chain((r) => fc.tuple(r, r)),
        ([a, b]) => {
          expect(mergeRecords(a, a)).toBe(a);
          const ab = mergeRecords(a, b);
          expect(recordLine(mergeRecords(ab, b))).toBe(recordLine(ab));
        },
      ),
    );
  });

  it('lets a newer deletion beat an older write and a newer write beat an older deletion', () => {
    const write: BackupRecord = {
      kind: 'chat',
      key: 'c',
      hlc: encodeHlc({ wallMs: 1, counter: 0, node: 'a' }),
      deleted: false,
      value: { x: 1 },
    };
    const del: BackupRecord = {
      ...write,
      hlc: encodeHlc({ wallMs: 2, counter: 0, node: 'b' }),
      deleted: true,
      value: null,
    };
    expect(mergeRecords(write, del)).toBe(del);
    const rewrite = { ...write, hlc: encodeHlc({ wallMs: 3, counter: 0, node: 'a' }) };
    expect(mergeRecords(del, rewrite)).toBe(rewrite);
  });

  it('keeps the newest value of a setting, a deletion included, whatever order the devices arrive in', () => {
    fc.assert(
      fc.property(fc.array(settingFor('mediaCacheLimitBytes'), { minLength: 1, maxLength: 6 }), (versions) => {
        const newest = versions.reduce((best, r) => (r.hlc > best.hlc ? r : best));
        const merged = [...mergeRecordSets(versions, []).values()];
        const reversed = [...mergeRecordSets([...versions].reverse(), []).values()];
        expect(merged).toHaveLength(1);
        expect(recordLine(merged[0] as BackupRecord)).toBe(recordLine(reversed[0] as BackupRecord));
        // Equal stamps are broken by content; otherwise the highest stamp is the winner.
        expect((merged[0] as BackupRecord).hlc).toBe(newest.hlc);
        if (versions.filter((r) => r.hlc === newest.hlc).length === 1) expect(merged[0]).toBe(newest);
      }),
    );
  });

  it('refuses to merge records of different identity', () => {
    const a: BackupRecord = { kind: 'chat', key: 'a', hlc: '1', deleted: false, value: null };
    expect(() => mergeRecords(a, { ...a, key: 'b' })).toThrow(RangeError);
  });
});

describe('mergeRecordSets (whole archives from two devices)', () => {
  const set = fc.array(anyKey, { maxLength: 8 });
  const lines = (m: Map<string, BackupRecord>) => [...m.values()].map(recordLine).sort();

  it('gives the same archive in any order, with any repetition', () => {
    fc.assert(
      fc.property(set, set, set, (a, b, c) => {
        const ab_c = mergeRecordSets(mergeRecordSets(a, b).values(), c);
        const a_bc = mergeRecordSets(a, mergeRecordSets(b, c).values());
        const cba = mergeRecordSets(c, mergeRecordSets(b, a).values());
        expect(lines(ab_c)).toEqual(lines(a_bc));
        expect(lines(cba)).toEqual(lines(a_bc));
        expect(lines(mergeRecordSets(ab_c.values(), ab_c.values()))).toEqual(lines(ab_c));
      }),
    );
  });
});

describe('record lines', () => {
  it('round-trip and are independent of value key order', () => {
    const r: BackupRecord = {
      kind: 'message',
      key: 'c\u001fm',
      hlc: 'h',
      deleted: false,
      value: { b: 1, a: [2, { d: 3, c: 4 }] },
    };
    expect(parseRecordLine(recordLine(r))).toEqual(r);
    expect(recordLine({ ...r, value: { a: [2, { c: 4, d: 3 }], b: 1 } })).toBe(recordLine(r));
  });
});
