import { describe, expect, it } from 'vitest';
import { isAppUrl, toExternalBrowserUrl } from './appOrigin.js';

describe('isAppUrl', () => {
  it.each([
    ['app://inbox/index.html', true],
    ['app://inbox/', true],
    ['app://inbox', true],
    ['app://inbox/assets/x.js?v=1#h', true],
    // Chromium canonicalizes standard-scheme hosts to lower case; anything else is not ours.
    ['app://INBOX/index.html', false],
    ['app://inbox.evil/index.html', false],
    ['app://evil/index.html', false],
    ['app://inbox:8080/index.html', false],
    ['app://user:pw@inbox/index.html', false],
    ['https://inbox/index.html', false],
    ['file:///index.html', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('toExternalBrowserUrl', () => {
  it.each([
    ['https://example.com/a?b=c', 'https://example.com/a?b=c'],
    ['http://example.com', 'http://example.com/'],
    ['https://user:pw@example.com/', null],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['smb://host/share', null],
    ['app://inbox/index.html', null],
    ['mailto:a@b.c', null],
    ['garbage', null],
  ])('%s → %s', (url, expected) => {
    expect(toExternalBrowserUrl(url)).toBe(expected);
  });
});
