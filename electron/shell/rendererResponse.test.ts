import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../core/server/securityHeaders.js';
import { rendererResponse } from './rendererResponse.js';

let root: string;
let rendererDir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'renderer-response-'));
  rendererDir = path.join(root, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>inbox</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  await writeFile(path.join(root, 'secret.txt'), 'outside the renderer');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('rendererResponse', () => {
  it('serves index.html with the renderer CSP and no caching', async () => {
    const res = await rendererResponse(rendererDir, 'app://inbox/index.html', 'GET');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<title>inbox</title>');
  });

  it('serves hashed assets as immutable JavaScript', async () => {
    const res = await rendererResponse(rendererDir, 'app://inbox/assets/app-1234.js', 'GET');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('falls back to index.html for client-side routes', async () => {
    const res = await rendererResponse(rendererDir, 'app://inbox/chats/123', 'GET');
    expect(await res.text()).toContain('<title>inbox</title>');
  });

  it.each([
    'app://inbox/../secret.txt',
    'app://inbox/%2e%2e/secret.txt',
    'app://inbox/..%2fsecret.txt',
    'app://inbox/assets/..%2f..%2fsecret.txt',
    'app://inbox/..%5csecret.txt',
    'app://inbox/%00.js',
  ])('never serves a file outside the renderer dir: %s', async (url) => {
    const res = await rendererResponse(rendererDir, url, 'GET');
    expect(await res.text()).not.toContain('outside the renderer');
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
  });

  it('answers 404 for another host on the scheme and 405 for writes', async () => {
    expect((await rendererResponse(rendererDir, 'app://other/index.html', 'GET')).status).toBe(404);
    expect((await rendererResponse(rendererDir, 'app://inbox/index.html', 'POST')).status).toBe(405);
  });

  it('explains a missing renderer build instead of serving a blank page', async () => {
    const res = await rendererResponse(path.join(root, 'missing'), 'app://inbox/', 'GET');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('not built');
  });
});
