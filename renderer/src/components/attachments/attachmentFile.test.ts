// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/src/contract/limits.js';
import { attachmentKindOf, attachmentProblem, pastedFileName } from './attachmentFile.js';

describe('attachmentKindOf', () => {
  it.each([
    ['image/jpeg', 'image'],
    ['image/PNG', 'image'],
    ['image/webp', 'image'],
    ['image/gif', 'document'],
    ['image/svg+xml', 'document'],
    ['application/pdf', 'document'],
    ['', 'document'],
  ])('sends %s as %s', (mime, kind) => {
    expect(attachmentKindOf(mime)).toBe(kind);
  });
});

describe('attachmentProblem', () => {
  it('accepts a file at the limit', () => {
    expect(attachmentProblem({ name: 'a.pdf', size: MAX_ATTACHMENT_BYTES })).toBeNull();
  });
  it('refuses a file over the limit, naming both sizes', () => {
    expect(attachmentProblem({ name: 'big.mov', size: MAX_ATTACHMENT_BYTES + 1 })).toMatch(/big\.mov.*10\.0 MB/);
  });
  it('refuses an empty file', () => {
    expect(attachmentProblem({ name: 'e.txt', size: 0 })).toMatch(/empty/);
  });
});

describe('pastedFileName', () => {
  it('names a pasted image after the time and type', () => {
    expect(pastedFileName('image/jpeg', new Date('2026-03-01T10:20:30Z'))).toBe('Pasted image 2026-03-01-10-20-30.jpg');
  });
});
