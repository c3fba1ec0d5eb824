import { describe, expect, it } from 'vitest';
import { resolveMediaPath } from './mediaRoute.js';

describe('resolveMediaPath', () => {
  const name = `${'a'.repeat(40)}.jpg`;

  it('maps an account and a worker-chosen file name into that account’s media cache', () => {
    expect(resolveMediaPath('/p', `acct-1/${name}`)).toBe(`/p/accounts/acct-1/media/${name}`);
  });

  it.each([
    ['traversal in the account', `../x/${name}`],
    ['traversal in the name', 'acct-1/..%2F..%2Fstore.key'],
    ['an encoded separator', `acct-1/${'a'.repeat(40)}%2Fjpg`],
    ['an extra segment', `acct-1/media/${name}`],
    ['a name that is not a hash', 'acct-1/store.key'],
    ['a NUL byte', `acct-1/${'a'.repeat(40)}%00.jpg`],
    ['bad percent-encoding', 'acct-1/%E0%A4%A'],
    ['nothing', ''],
  ])('refuses %s', (_case, path) => {
    expect(resolveMediaPath('/p', path)).toBeNull();
  });
});
