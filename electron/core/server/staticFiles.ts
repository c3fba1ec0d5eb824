import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Resolves a URL path inside `root`, refusing anything that escapes it. Unknown paths fall back to
 * index.html so client-side routes survive a reload.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  if (isFile(candidate)) return candidate;
  return extname(decoded) === '' ? join(root, 'index.html') : null;
}

export function sendFile(res: ServerResponse, path: string, headers: Readonly<Record<string, string>>): void {
  const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
  // Hashed asset names are immutable; index.html must be revalidated so a new build takes effect.
  const cache = path.includes(`${sep}assets${sep}`) ? 'private, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': cache });
  createReadStream(path).pipe(res);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
