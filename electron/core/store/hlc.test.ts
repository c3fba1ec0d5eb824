import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc, HlcDriftError, HybridLogicalClock } from './hlc.js';
import type { VersionedRecord } from './mergeRecord.js';
import { mergeRecord } from './mergeRecord.js';

const stampArb = fc.record({
  wallMs: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  counter: fc.integer({ min: 0, max: 36 ** 4 - 1 }),
  node: fc.stringMatching(/^[0-9a-z]{1,8}$/),
});

const recordArb: fc.Arbitrary<VersionedRecord<{ n: number; s: string }>> = fc.record({
  hlc: stampArb.map(encodeHlc),
  isDeleted: fc.boolean(),
  value: fc.option(fc.record({ n: fc.integer(), s: fc.string() }), { nil: null }),
});

describe('hybrid logical clock', () => {
  it('encodes so that string order is stamp order', () => {
    fc.assert(
      fc.property(stampArb, stampArb, (a, b) => {
        const byFields =
          a.wallMs - b.wallMs || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        expect(Math.sign(compareHlc(encodeHlc(a), encodeHlc(b)))).toBe(Math.sign(byFields));
        expect(decodeHlc(encodeHlc(a))).toEqual(a);
      }),
    );
  });

  it('issues strictly increasing stamps even when the wall clock jumps back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 200 }), (walls) => {
        let i = 0;
        const clock = new HybridLogicalClock('a', () => walls[i++ % walls.length] ?? 0);
        let previous = clock.now();
        for (let n = 1; n < walls.length; n += 1) {
          const next = clock.now();
          expect(compareHlc(next, previous)).toBe(1);
          previous = next;
        }
      }),
    );
  });

  it('orders a local event after any received stamp', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), stampArb, (wall, remote) => {
        const clock = new HybridLogicalClock('local', () => wall);
        const remoteStamp = encodeHlc({ ...remote, wallMs: Math.min(remote.wallMs, wall + 1000) });
        const received = clock.receive(remoteStamp);
        expect(compareHlc(received, remoteStamp)).toBeGreaterThan(-1);
        expect(decodeHlc(received).wallMs >= decodeHlc(remoteStamp).wallMs).toBe(true);
        expect(compareHlc(clock.now(), received)).toBe(1);
      }),
    );
  });

  it('rejects a remote stamp from a clock a day ahead', () => {
    const clock = new HybridLogicalClock('a', () => 0);
    expect(() => clock.receive(encodeHlc({ wallMs: 2 * 86_400_000, counter: 0, node: 'b' }))).toThrow(HlcDriftError);
  });

  it('resumes after its persisted last stamp', () => {
    const last = encodeHlc({ wallMs: 5_000, counter: 3, node: 'a' });
    const clock = new HybridLogicalClock('a', () => 1_000, last);
    expect(compareHlc(clock.now(), last)).toBe(1);
  });
});

describe('mergeRecord (last writer wins)', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        expect(mergeRecord(a, b)).toEqual(mergeRecord(b, a));
      }),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(recordArb, recordArb, recordArb, (a, b, c) => {
        expect(mergeRecord(mergeRecord(a, b), c)).toEqual(mergeRecord(a, mergeRecord(b, c)));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(recordArb, (a) => {
        expect(mergeRecord(a, a)).toEqual(a);
      }),
    );
  });

  it('breaks equal stamps deterministically, whatever the argument order', () => {
    fc.assert(
      fc.property(stampArb, recordArb, recordArb, (stamp, a, b) => {
        const hlc = encodeHlc(stamp);
        expect(mergeRecord({ ...a, hlc }, { ...b, hlc })).toEqual(mergeRecord({ ...b, hlc }, { ...a, hlc }));
      }),
    );
  });

  it('lets a newer deletion win over an older write', () => {
    const write = { hlc: encodeHlc({ wallMs: 1, counter: 0, node: 'a' }), isDeleted: false, value: { n: 1, s: '' } };
    const removal = { hlc: encodeHlc({ wallMs: 2, counter: 0, node: 'b' }), isDeleted: true, value: null };
    expect(mergeRecord(write, removal)).toBe(removal);
  });
});
