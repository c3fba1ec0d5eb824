/**
 * Decides whether a browser-mode request may proceed. Pure, so every rule is table-tested.
 *
 * - Host must be the loopback address and port we bound: a DNS-rebinding page at evil.example
 *   resolving to 127.0.0.1 still sends `Host: evil.example`.
 * - Origin, when the browser sends one, must be our own origin; WebSocket upgrades must send it.
 * - Everything except the token exchange needs the session cookie.
 */
export type GuardInput = {
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly cookieHeader: string | undefined;
  readonly isUpgrade: boolean;
};

export type GuardVerdict =
  { readonly ok: true } | { readonly ok: false; readonly status: 400 | 401 | 403 | 421; readonly reason: string };

export const SESSION_COOKIE = 'wa_inbox_session';

export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function checkHostAndOrigin(input: GuardInput, port: number): GuardVerdict {
  const hosts = allowedHosts(port);
  if (!input.host || !hosts.includes(input.host.toLowerCase())) {
    return { ok: false, status: 421, reason: 'unexpected Host header' };
  }
  if (input.origin !== undefined) {
    if (!hosts.some((host) => input.origin === `http://${host}`)) {
      return { ok: false, status: 403, reason: 'foreign Origin' };
    }
  } else if (input.isUpgrade) {
    return { ok: false, status: 403, reason: 'WebSocket upgrade without Origin' };
  }
  return { ok: true };
}

export function checkRequest(input: GuardInput, port: number, isValidCookie: (value: string) => boolean): GuardVerdict {
  const hostVerdict = checkHostAndOrigin(input, port);
  if (!hostVerdict.ok) return hostVerdict;
  const cookie = readCookie(input.cookieHeader, SESSION_COOKIE);
  if (cookie === null || !isValidCookie(cookie)) {
    return { ok: false, status: 401, reason: 'missing or invalid session' };
  }
  return { ok: true };
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
