import { readFile } from 'node:fs/promises';
import { extname, sep } from 'node:path';
import { CONTENT_TYPES, resolveStaticPath } from '../core/server/staticFiles.js';
import { MEDIA_CONTENT_TYPES, resolveMediaPath, touchMediaFile } from '../core/server/mediaRoute.js';
import { SECURITY_HEADERS } from '../core/server/securityHeaders.js';
import { isAppUrl } from './appOrigin.js';

/**
 * Answers one `app://inbox/…` request from the built renderer in `rendererDir`. Electron-free (only
 * the Fetch API's Response) so traversal and header rules are unit-tested. Every answer, errors
 * included, carries the renderer CSP: an error page must not be a place where script may run.
 */
export async function rendererResponse(
  rendererDir: string,
  url: string,
  method: string,
  profileDir?: string,
): Promise<Response> {
  if (!isAppUrl(url)) return textResponse(404, 'Not found');
  if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'Method not allowed');
  const pathname = new URL(url).pathname;
  if (pathname.startsWith('/media/')) return mediaResponse(profileDir, pathname.slice('/media/'.length), method);
  const filePath = resolveStaticPath(rendererDir, pathname);
  if (filePath === null) return textResponse(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(filePath);
  } catch {
    // index.html is missing when the renderer was not built; say so instead of a blank window.
    return textResponse(404, 'The renderer is not built. Run the build, then start WA Inbox again.');
  }
  // Hashed asset names are immutable; index.html must be revalidated so a new build takes effect.
  const cache = filePath.includes(`${sep}assets${sep}`) ? 'private, max-age=31536000, immutable' : 'no-cache';
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[extname(filePath)] ?? 'application/octet-stream',
      'Cache-Control': cache,
    },
  });
}

/** Downloaded media, from the account's cache (same rules as browser mode's `/media/` route). */
async function mediaResponse(profileDir: string | undefined, path: string, method: string): Promise<Response> {
  const file = profileDir === undefined ? null : resolveMediaPath(profileDir, path);
  if (file === null) return textResponse(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return textResponse(404, 'Not found');
  }
  touchMediaFile(file);
  const type = MEDIA_CONTENT_TYPES[extname(file)];
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': type ?? 'application/octet-stream',
      'Cache-Control': 'private, max-age=86400',
      ...(type ? {} : { 'Content-Disposition': 'attachment' }),
    },
  });
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
