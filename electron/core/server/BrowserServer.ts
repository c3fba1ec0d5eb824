import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { MAX_COMMAND_BYTES } from '../../../shared/src/index.js';
import type { Dispatch } from '../bridge/dispatcher.js';
import type { EventHub } from '../bridge/EventHub.js';
import type { AccessToken } from './accessToken.js';
import { checkHostAndOrigin, checkRequest, SESSION_COOKIE, type GuardVerdict } from './requestGuard.js';
import { SECURITY_HEADERS } from './securityHeaders.js';
import { resolveStaticPath, sendFile } from './staticFiles.js';
import { attachWsBridge } from './wsBridge.js';

export type MediaRoute = (req: IncomingMessage, res: ServerResponse, path: string) => void;

export type BrowserServerOptions = {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly staticDir: string;
  readonly token: AccessToken;
  readonly dispatch: Dispatch;
  readonly hub: EventHub;
  readonly log: Logger;
  readonly media?: MediaRoute;
};

const LOCKED_PAGE = `<!doctype html><meta charset="utf-8"><title>WA Inbox — locked</title>
<body>
<h1>This inbox is locked</h1>
<p>Open the address printed in the terminal where the app started: it carries a one-time access token.
To use the inbox from another machine, forward the port over SSH (see README).</p></body>`;

/**
 * Browser mode: the same core as the desktop app, serving the built renderer and the bridge on
 * loopback. Usage: `const server = await BrowserServer.listen(opts); server.url(); await server.close()`.
 * Every route and the WebSocket upgrade pass the same guard (Host, Origin, session cookie).
 */
export class BrowserServer {
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #options: BrowserServerOptions;

  private constructor(server: Server, wss: WebSocketServer, options: BrowserServerOptions) {
    this.#server = server;
    this.#wss = wss;
    this.#options = options;
  }

  static async listen(options: BrowserServerOptions): Promise<BrowserServer> {
    // ws enforces a hard cap well above our own limit so an oversized command still gets a
    // PAYLOAD_TOO_LARGE answer instead of a dropped connection.
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_COMMAND_BYTES * 2 });
    const server = createServer();
    const instance = new BrowserServer(server, wss, options);
    server.on('request', (req, res) => instance.#onRequest(req, res));
    server.on('upgrade', (req, socket, head) => instance.#onUpgrade(req, socket as Socket, head));
    wss.on('connection', (ws) => attachWsBridge(ws, options.dispatch, options.hub));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    return instance;
  }

  get port(): number {
    const address = this.#server.address();
    return typeof address === 'object' && address ? address.port : this.#options.port;
  }

  /** The address to open once; it carries the token, which the page trades for a cookie. */
  loginUrl(): string {
    return `http://127.0.0.1:${this.port}/auth?token=${encodeURIComponent(this.#options.token.value)}`;
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const guardInput = {
      host: req.headers.host,
      origin: req.headers.origin,
      cookieHeader: req.headers.cookie,
      isUpgrade: false,
    };
    if (url.pathname === '/auth') {
      this.#onAuth(req, res, url, checkHostAndOrigin(guardInput, this.port));
      return;
    }
    const verdict = checkRequest(guardInput, this.port, (value) => this.#options.token.matchesCookie(value));
    if (!verdict.ok) {
      this.#refuse(req, res, verdict);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    if (url.pathname.startsWith('/media/') && this.#options.media) {
      this.#options.media(req, res, url.pathname.slice('/media/'.length));
      return;
    }
    const path = resolveStaticPath(this.#options.staticDir, url.pathname);
    if (!path) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    sendFile(res, path, SECURITY_HEADERS);
  }

  #onAuth(req: IncomingMessage, res: ServerResponse, url: URL, hostVerdict: GuardVerdict): void {
    if (!hostVerdict.ok) {
      this.#refuse(req, res, hostVerdict);
      return;
    }
    const token = url.searchParams.get('token');
    if (req.method !== 'GET' || token === null || !this.#options.token.matches(token)) {
      this.#options.log.warn({ remote: req.socket.remoteAddress }, 'browser login with a wrong token');
      this.#refuse(req, res, { ok: false, status: 401, reason: 'invalid token' });
      return;
    }
    // 303 to "/" drops the token from the address bar and history right away.
    res.writeHead(303, {
      ...SECURITY_HEADERS,
      Location: '/',
      'Set-Cookie': `${SESSION_COOKIE}=${this.#options.token.cookieValue()}; HttpOnly; SameSite=Strict; Path=/`,
      'Cache-Control': 'no-store',
    });
    res.end();
  }

  #refuse(req: IncomingMessage, res: ServerResponse, verdict: Extract<GuardVerdict, { ok: false }>): void {
    this.#options.log.debug(
      { path: req.url?.split('?')[0], status: verdict.status, reason: verdict.reason },
      'refused',
    );
    const wantsHtml = verdict.status === 401 && (req.headers.accept ?? '').includes('text/html');
    res.writeHead(verdict.status, {
      ...SECURITY_HEADERS,
      'Content-Type': wantsHtml ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(wantsHtml ? LOCKED_PAGE : verdict.reason);
  }

  #onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = checkRequest(
      { host: req.headers.host, origin: req.headers.origin, cookieHeader: req.headers.cookie, isUpgrade: true },
      this.port,
      (value) => this.#options.token.matchesCookie(value),
    );
    if (!verdict.ok || url.pathname !== '/bridge') {
      const status = verdict.ok ? 404 : verdict.status;
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#wss.emit('connection', ws, req));
  }
}
