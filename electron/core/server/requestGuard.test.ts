import { describe, expect, it } from 'vitest';
import { checkRequest, readCookie } from './requestGuard.js';

const PORT = 7733;
const good = (cookie: string) => cookie === 'good';

describe('checkRequest', () => {
  it.each([
    [
      'loopback host, own origin, valid cookie',
      '127.0.0.1:7733',
      'http://127.0.0.1:7733',
      'wa_inbox_session=good',
      false,
      200,
    ],
    [
      'localhost name is the same origin',
      'localhost:7733',
      'http://localhost:7733',
      'wa_inbox_session=good',
      false,
      200,
    ],
    ['no Origin on a plain GET (navigation)', '127.0.0.1:7733', undefined, 'wa_inbox_session=good', false, 200],
    ['DNS rebinding: foreign Host', 'evil.example:7733', undefined, 'wa_inbox_session=good', false, 421],
    ['wrong port in Host', '127.0.0.1:8080', undefined, 'wa_inbox_session=good', false, 421],
    ['missing Host', undefined, undefined, 'wa_inbox_session=good', false, 421],
    ['foreign Origin', '127.0.0.1:7733', 'http://evil.example', 'wa_inbox_session=good', false, 403],
    [
      'https variant of our origin is foreign',
      '127.0.0.1:7733',
      'https://127.0.0.1:7733',
      'wa_inbox_session=good',
      false,
      403,
    ],
    ['null Origin (sandboxed iframe, file:)', '127.0.0.1:7733', 'null', 'wa_inbox_session=good', false, 403],
    ['no cookie', '127.0.0.1:7733', undefined, undefined, false, 401],
    ['wrong cookie', '127.0.0.1:7733', undefined, 'wa_inbox_session=bad', false, 401],
    ['cookie under another name', '127.0.0.1:7733', undefined, 'other=good', false, 401],
    ['upgrade without Origin', '127.0.0.1:7733', undefined, 'wa_inbox_session=good', true, 403],
    ['upgrade with own Origin', '127.0.0.1:7733', 'http://127.0.0.1:7733', 'wa_inbox_session=good', true, 200],
  ] as const)('%s → %s', (_name, host, origin, cookieHeader, isUpgrade, expected) => {
    const verdict = checkRequest({ host, origin, cookieHeader, isUpgrade }, PORT, good);
    expect(verdict.ok ? 200 : verdict.status).toBe(expected);
  });
});

describe('readCookie', () => {
  it('reads one cookie among several and ignores malformed parts', () => {
    expect(readCookie('a=1; wa_inbox_session=xyz; junk', 'wa_inbox_session')).toBe('xyz');
    expect(readCookie('junk', 'a')).toBeNull();
    expect(readCookie(undefined, 'a')).toBeNull();
  });
});
