// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isDeepEqual } from './isDeepEqual.js';
import { createStructuralSharer } from './structuralSharer.js';

type Row = { readonly id: string; readonly body: { readonly text: string }; readonly tags: readonly string[] };
const row = (id: string, text: string, tags: readonly string[] = []): Row => ({ id, body: { text }, tags });

describe('isDeepEqual', () => {
  it.each([
    [{ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } }, true],
    [{ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] } }, false],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [{ a: null }, { a: null }, true],
    [[1], { 0: 1 }, false],
    [Number.NaN, Number.NaN, true],
    [new Uint8Array([1]), new Uint8Array([1]), false],
  ])('compares %j with %j as %s', (a, b, expected) => {
    expect(isDeepEqual(a, b)).toBe(expected);
  });
});

describe('createStructuralSharer', () => {
  it('hands back the previous objects of unchanged rows and new objects of changed ones', () => {
    const share = createStructuralSharer<Row>((r) => r.id);
    const first = share([row('a', 'hi'), row('b', 'yo')]);
    const second = share([row('a', 'hi'), row('b', 'yo!'), row('c', 'new')]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.body.text).toBe('yo!');
    expect(second[2]?.id).toBe('c');
  });

  it('returns the previous array when nothing changed', () => {
    const share = createStructuralSharer<Row>((r) => r.id);
    const first = share([row('a', 'hi', ['x'])]);
    expect(share([row('a', 'hi', ['x'])])).toBe(first);
  });

  it('returns a new array when rows are only reordered or removed', () => {
    const share = createStructuralSharer<Row>((r) => r.id);
    const first = share([row('a', 'hi'), row('b', 'yo')]);
    const reordered = share([row('b', 'yo'), row('a', 'hi')]);
    expect(reordered).not.toBe(first);
    expect(reordered[0]).toBe(first[1]);
    expect(share([row('a', 'hi')])).toHaveLength(1);
  });
});
