/**
 * The renderer's origin. The built renderer is served from a privileged custom scheme instead of
 * file:// so it gets a real origin (CSP 'self', same-origin checks) and file:// keeps no privileges.
 * Electron-free so the checks are unit-tested without a binary.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'inbox';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for URLs on our own origin. Compared by parts: WHATWG `URL.origin` is "null" for
 * schemes Node does not know as special, so origin strings cannot be compared.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** An http(s) URL fit to hand to the system browser, or null. Credentials in URLs are refused. */
export function toExternalBrowserUrl(url: string): string | null {
  const parsed = parseUrl(url);
  if (parsed === null) return null;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
