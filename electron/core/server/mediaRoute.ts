import { createReadStream, promises as fsp, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { AccountIdSchema } from '../../../shared/src/index.js';
import { SECURITY_HEADERS } from './securityHeaders.js';

export const MEDIA_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.ogg': 'audio/ogg',
};

/** `<account>/<file>` → the file in that account's media cache, or null for anything else. */
export function resolveMediaPath(profileDir: string, path: string): string | null {
  const [account, encodedName, ...rest] = path.split('/');
  if (rest.length > 0 || account === undefined || encodedName === undefined) return null;
  if (!AccountIdSchema.safeParse(account).success) return null;
  let name: string;
  try {
    name = decodeURIComponent(encodedName);
  } catch {
    return null;
  }
  // Names are hashes the worker chose: anything else (separators, dots, NUL) is not ours.
  if (!/^[a-f0-9]{16,64}\.[a-z0-9]{2,5}$/.test(name)) return null;
  return join(profileDir, 'accounts', account, 'media', name);
}

/**
 * Records that the window showed this file: the account's media cache evicts the least recently
 * touched files first (see electron/core/session/worker/MediaCache.ts). Best effort: a file
 * evicted meanwhile is simply gone.
 */
export function touchMediaFile(file: string): void {
  const now = new Date();
  fsp.utimes(file, now, now).catch(() => undefined);
}

/**
 * Serves downloaded media to the renderer (browser mode's `/media/…` route; the server already
 * checked the session cookie, Host and Origin). Unknown kinds are sent as attachments, never
 * rendered inline.
 */
export function createMediaRoute(profileDir: string) {
  return (_req: IncomingMessage, res: ServerResponse, path: string): void => {
    const file = resolveMediaPath(profileDir, path);
    let size: number;
    try {
      size = file === null ? -1 : statSync(file).size;
    } catch {
      size = -1;
    }
    if (file === null || size < 0) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const type = MEDIA_CONTENT_TYPES[extname(file)];
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': type ?? 'application/octet-stream',
      'Content-Length': String(size),
      'Cache-Control': 'private, max-age=86400',
      ...(type ? {} : { 'Content-Disposition': 'attachment' }),
    });
    createReadStream(file).pipe(res);
    touchMediaFile(file);
  };
}
