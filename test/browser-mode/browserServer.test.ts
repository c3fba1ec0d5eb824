import { statSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AccessToken } from '../../electron/core/server/accessToken.js';
import { startBrowserMode, type Harness } from '../support/browserModeHarness.js';
import { WsBridgeClient } from '../support/wsBridgeClient.js';

/** A raw request with exactly the headers given (fetch would add or forbid some). */
function probe(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers, setHost: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function upgrade(port: number, headers: Record<string, string>, path = '/bridge'): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers, origin: headers.Origin });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

describe('browser-mode server access control', () => {
  let h: Harness;
  let own: string;

  beforeAll(async () => {
    h = await startBrowserMode();
    own = `127.0.0.1:${h.port}`;
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('stores the token with 0600 permissions in the profile', () => {
    expect(statSync(join(h.profileDir, 'browser-token')).mode & 0o777).toBe(0o600);
  });

  it('trades the token for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const res = await fetch(h.mode.server.loginUrl(), { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    expect(h.cookie).toMatch(/^wa_inbox_session=/);
  });

  it.each(['/', '/index.html', '/assets/index.js', '/media/acc/123', '/anything', '/bridge'])(
    'refuses %s without a session, from a foreign Host, and from a foreign Origin',
    async (path) => {
      expect(await probe(h.port, path, { Host: own })).toBe(401);
      expect(await probe(h.port, path, { Host: own, Cookie: 'wa_inbox_session=forged' })).toBe(401);
      expect(await probe(h.port, path, { Host: `evil.example:${h.port}`, Cookie: h.cookie })).toBe(421);
      expect(await probe(h.port, path, { Host: own, Cookie: h.cookie, Origin: 'http://evil.example' })).toBe(403);
    },
  );

  it('serves the page to a logged-in browser with the CSP header', async () => {
    const res = await fetch(`http://${own}/`, { headers: { Cookie: h.cookie } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('refuses a wrong token and a token exchange from a foreign Host', async () => {
    expect(await probe(h.port, '/auth?token=wrong', { Host: own })).toBe(401);
    expect(await probe(h.port, '/auth', { Host: own })).toBe(401);
    const token = new URL(h.mode.server.loginUrl()).searchParams.get('token') ?? '';
    expect(await probe(h.port, `/auth?token=${token}`, { Host: `evil.example:${h.port}` })).toBe(421);
  });

  it('refuses WebSocket upgrades without cookie, with a foreign Origin or Host, or on another path', async () => {
    const origin = `http://${own}`;
    expect(await upgrade(h.port, { Origin: origin })).toBe(401);
    expect(await upgrade(h.port, { Origin: 'http://evil.example', Cookie: h.cookie })).toBe(403);
    expect(await upgrade(h.port, { Cookie: h.cookie })).toBe(403);
    expect(await upgrade(h.port, { Origin: origin, Cookie: h.cookie, Host: `evil.example:${h.port}` })).toBe(421);
    expect(await upgrade(h.port, { Origin: origin, Cookie: h.cookie }, '/other')).toBe(404);
    expect(await upgrade(h.port, { Origin: origin, Cookie: h.cookie })).toBe('open');
  });

  it('round-trips a command over the WebSocket bridge', async () => {
    const client = await WsBridgeClient.connect(h.port, h.cookie);
    const result = await client.send('app.ping', { nonce: 'hello' });
    expect(result).toMatchObject({ ok: true, value: { nonce: 'hello' } });
    client.close();
  });

  it('rotating the token signs every browser out', () => {
    const rotated = AccessToken.loadOrCreate(h.profileDir, { rotate: true });
    expect(rotated.matchesCookie(h.cookie.split('=')[1] ?? '')).toBe(false);
    expect(statSync(join(h.profileDir, 'browser-token')).mode & 0o777).toBe(0o600);
  });
});
