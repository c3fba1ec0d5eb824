import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TOKEN_FILE = 'browser-token';
const TOKEN_BYTES = 32;

/**
 * The browser-mode secret. It lives in the profile with 0600 permissions; the URL printed at
 * start carries it once, and the page trades it for an HttpOnly cookie derived from it, so
 * rotating the token (`--rotate-token`) also signs every browser out.
 */
export class AccessToken {
  readonly #token: string;

  private constructor(token: string) {
    this.#token = token;
  }

  static loadOrCreate(profileDir: string, options: { rotate?: boolean } = {}): AccessToken {
    const path = join(profileDir, TOKEN_FILE);
    if (!options.rotate) {
      const existing = readTokenFile(path);
      if (existing) return new AccessToken(existing);
    }
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    writeFileSync(path, token, { mode: 0o600 });
    chmodSync(path, 0o600); // writeFileSync keeps an existing file's mode
    return new AccessToken(token);
  }

  get value(): string {
    return this.#token;
  }

  matches(candidate: string): boolean {
    return constantTimeEqual(candidate, this.#token);
  }

  /** The cookie value: a MAC of the token, so the token itself never sits in the cookie jar. */
  cookieValue(): string {
    return createHmac('sha256', this.#token).update('wa-inbox browser session v1').digest('base64url');
  }

  matchesCookie(candidate: string): boolean {
    return constantTimeEqual(candidate, this.cookieValue());
  }
}

function readTokenFile(path: string): string | null {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    return null;
  }
  if ((mode & 0o077) !== 0) {
    // Someone else could have read it: treat it as leaked and issue a new one.
    return null;
  }
  const token = readFileSync(path, 'utf8').trim();
  return token.length >= 32 ? token : null;
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
