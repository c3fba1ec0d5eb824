import { shell, type Session, type WebContents } from 'electron';
import type { Logger } from 'pino';
import { drop } from '../core/util/drop.js';
import { isAppUrl, toExternalBrowserUrl } from './appOrigin.js';

/**
 * Applied to every WebContents the app creates (`app.on('web-contents-created')`), so a future
 * window cannot forget it. The renderer never leaves our origin: navigation and redirects elsewhere
 * are cancelled, new windows are never created, and <webview> cannot be attached.
 */
export function applyWebContentsPolicy(contents: WebContents, log: Logger): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ scheme: schemeOf(event.url) }, 'blocked navigation away from the app');
  });
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ scheme: schemeOf(event.url) }, 'blocked redirect away from the app');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    // Links in messages open in the system browser; only validated http(s) URLs get that far.
    const external = toExternalBrowserUrl(url);
    if (external !== null) {
      drop(shell.openExternal(external), (err) => log.warn({ err }, 'could not open link in the browser'));
    } else {
      log.warn({ scheme: schemeOf(url) }, 'blocked window.open');
    }
    return { action: 'deny' };
  });
}

/**
 * Deny every permission except notifications, and those only for our own origin. Both handlers are
 * needed: most web APIs check first and only request when the check fails.
 */
export function applyPermissionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permission === 'notifications' && isAppUrl(details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return permission === 'notifications' && isAppUrl(requestingOrigin);
  });
}

/** Logs carry the scheme only: a URL may hold a phone number or message text. */
function schemeOf(url: string): string {
  const colon = url.indexOf(':');
  return colon > 0 && colon < 32 ? url.slice(0, colon) : 'invalid';
}
