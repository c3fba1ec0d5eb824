import { protocol } from 'electron';
import { APP_SCHEME } from './appOrigin.js';
import { rendererResponse } from './rendererResponse.js';

/**
 * Must run before `app` is ready. `standard` gives the scheme real origins and relative URLs;
 * `secure` makes pages on it a secure context (notifications, crypto.subtle); `supportFetchAPI`
 * lets the page fetch its own assets (Vite's `<script type="module" crossorigin>` is a same-origin
 * CORS-mode load). `corsEnabled` is deliberately off: Electron would then serve our responses to
 * cross-origin readers without checking Access-Control-Allow-Origin. No service workers either.
 */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Serves the built renderer, and downloaded media under `/media/`, on `app://inbox/` for the
 * default session (after `app` is ready).
 */
export function serveRendererOnAppProtocol(rendererDir: string, profileDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url, request.method, profileDir));
}
