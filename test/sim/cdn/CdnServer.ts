/**
 * A loopback stand-in for WhatsApp's media CDN (mmg.whatsapp.net and friends).
 *
 *   const cdn = await CdnServer.start();
 *   const { directPath, url } = cdn.put(encryptedBytes, 'image');
 *   makeWASocket({ options: cdn.requestOptions, fetchAgent: cdn.httpsAgent, ... });
 *   cdn.expire(directPath, 410);          // the next GETs answer 410
 *   cdn.requestCount(directPath);         // how often the app fetched it
 *   await cdn.close();
 *
 * Items are keyed by pathname: WhatsApp's signed query string is accepted and ignored.
 * Uploads (`POST /mms/<type>/<token>?auth=…&token=…`) are stored like any other item and
 * answered with `{ url, direct_path }`, the JSON `getWAUploadToServer` reads.
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Agent } from 'undici';

import { makeDirectPath, makeUploadDirectPath, pathKey } from './directPath.js';
import { createLoopbackDispatcher, LoopbackHttpsAgent } from './loopbackTransport.js';

/** How one item misbehaves. Faults stay until cleared; combine freely. */
export type CdnFault = Readonly<{
  /** Answer this status with an empty body instead of the blob (403/404/410 = expired media). */
  status?: number;
  /** Wait before sending response headers. */
  delayMs?: number;
  /** Send headers with the full Content-Length, this many body bytes, then destroy the socket. */
  dropAfterBytes?: number;
}>;

export type CdnItem = Readonly<{ directPath: string; body: Buffer; mediaType: string }>;

export type CdnUpload = Readonly<{
  /** e.g. `/mms/image` (Baileys' MEDIA_PATH_MAP value). */
  uploadPath: string;
  directPath: string;
  body: Buffer;
  auth: string | null;
}>;

export type CdnServerOptions = Readonly<{
  port?: number;
  /** Host put into URLs this CDN hands out; the dispatcher ignores it anyway. */
  publicHost?: string;
  /** Token the upload endpoint requires in `?auth=`; `media_conn` must announce the same one. */
  uploadAuth?: string;
}>;

const UPLOAD_PATH = /^\/(mms|product|pps)\/([^/]+)\/([^/?]+)$/;

export class CdnServer {
  readonly #server: Server;
  readonly #items = new Map<string, CdnItem>();
  readonly #faults = new Map<string, CdnFault>();
  readonly #counts = new Map<string, number>();
  readonly #uploads: CdnUpload[] = [];
  #uploadFailures: { status: number; remaining: number } | undefined;

  readonly port: number;
  readonly publicHost: string;
  readonly uploadAuth: string;
  /** undici dispatcher for `config.options.dispatcher` and `downloadMediaMessage(…, { options })`. */
  readonly dispatcher: Agent;
  /** node https agent for `config.fetchAgent` (Baileys uploads through node:https under Node). */
  readonly httpsAgent: LoopbackHttpsAgent;

  private constructor(server: Server, opts: CdnServerOptions) {
    this.#server = server;
    this.port = (server.address() as AddressInfo).port;
    this.publicHost = opts.publicHost ?? 'mmg.whatsapp.net';
    this.uploadAuth = opts.uploadAuth ?? randomBytes(24).toString('base64url');
    this.dispatcher = createLoopbackDispatcher(this.port);
    this.httpsAgent = new LoopbackHttpsAgent(this.port);
  }

  static async start(opts: CdnServerOptions = {}): Promise<CdnServer> {
    const server = createServer();
    server.listen(opts.port ?? 0, '127.0.0.1');
    await once(server, 'listening');
    const cdn = new CdnServer(server, opts);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      void cdn.#handle(req, res).catch(() => res.destroy());
    });
    return cdn;
  }

  /**
   * `{ dispatcher }` typed as Baileys' `RequestInit` (the DOM type has no `dispatcher` field):
   * pass as `makeWASocket({ options })` and `downloadMediaMessage(m, 'buffer', { options })`.
   */
  get requestOptions(): RequestInit {
    return { dispatcher: this.dispatcher } as RequestInit;
  }

  /** Full URL as a message's `url` field carries it. */
  urlFor(directPath: string): string {
    return `https://${this.publicHost}${directPath}`;
  }

  /** Stores an encrypted blob under a fresh realistic directPath (or the one given). */
  put(body: Uint8Array, mediaType: string, directPath = makeDirectPath(mediaType)): CdnItem & { url: string } {
    const item = { directPath, body: Buffer.from(body), mediaType };
    this.#items.set(pathKey(directPath), item);
    return { ...item, url: this.urlFor(directPath) };
  }

  get(directPathOrUrl: string): CdnItem | undefined {
    return this.#items.get(pathKey(directPathOrUrl));
  }

  /** Copies an item's ciphertext to a new path, as the phone does when it re-uploads media. */
  reupload(directPath: string): CdnItem & { url: string } {
    const item = this.get(directPath);
    if (!item) throw new Error(`CDN has no item at ${pathKey(directPath)}`);
    return this.put(item.body, item.mediaType);
  }

  delete(directPath: string): void {
    this.#items.delete(pathKey(directPath));
  }

  setFault(directPath: string, fault: CdnFault): void {
    this.#faults.set(pathKey(directPath), fault);
  }

  clearFault(directPath: string): void {
    this.#faults.delete(pathKey(directPath));
  }

  /** Expired media: WhatsApp answers 403/404/410 once the CDN copy is gone. */
  expire(directPath: string, status: 403 | 404 | 410 = 410): void {
    this.setFault(directPath, { status });
  }

  /** Number of GET/HEAD requests for this path, including failed ones. */
  requestCount(directPath: string): number {
    return this.#counts.get(pathKey(directPath)) ?? 0;
  }

  get uploads(): readonly CdnUpload[] {
    return this.#uploads;
  }

  /** The next `count` uploads are answered with `status` and no JSON body. */
  failUploads(count: number, status = 500): void {
    this.#uploadFailures = { status, remaining: count };
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.httpsAgent.destroy();
    await this.dispatcher.close();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://cdn.local');
    if (req.method === 'POST') return this.#handleUpload(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return end(res, 405);

    const key = url.pathname;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    const fault = this.#faults.get(key);
    if (fault?.delayMs) await delay(fault.delayMs);
    if (fault?.status) return end(res, fault.status);

    const item = this.#items.get(key);
    if (!item) return end(res, 404);
    const { status, body, headers } = sliceForRange(item.body, req.headers.range);
    res.writeHead(status, { 'content-type': 'application/octet-stream', ...headers, 'content-length': body.length });
    if (req.method === 'HEAD') return void res.end();
    if (fault?.dropAfterBytes !== undefined) {
      // Flush the partial body first so the client really sees a truncated transfer.
      res.write(body.subarray(0, fault.dropAfterBytes), () => res.destroy());
      return;
    }
    res.end(body);
  }

  async #handleUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req);
    const match = UPLOAD_PATH.exec(url.pathname);
    if (!match) return json(res, 404, { error: 'unknown upload path' });
    const auth = url.searchParams.get('auth');
    if (auth !== this.uploadAuth) return json(res, 401, { error: 'bad auth' });
    // The token segment is base64url(fileEncSha256); checking it catches uploads of the wrong bytes.
    const token = match[3] ?? '';
    if (createHash('sha256').update(body).digest('base64url') !== token) {
      return json(res, 400, { error: 'hash mismatch' });
    }
    if (this.#uploadFailures && this.#uploadFailures.remaining > 0) {
      this.#uploadFailures.remaining -= 1;
      return end(res, this.#uploadFailures.status);
    }
    const uploadPath = `/${match[1]}/${match[2]}`;
    const mediaType = match[2] === 'md-app-state' ? 'md-msg-hist' : (match[2] ?? 'image');
    const directPath = makeUploadDirectPath(mediaType);
    this.put(body, mediaType, directPath);
    this.#uploads.push({ uploadPath, directPath, body, auth });
    const host = req.headers.host ?? this.publicHost;
    json(res, 200, { url: `https://${host}${directPath}`, direct_path: directPath });
  }
}

function sliceForRange(
  full: Buffer,
  range: string | undefined,
): { status: number; body: Buffer; headers: Record<string, string> } {
  // Baileys asks for `bytes=<start>-[<end>]` when downloading part of a file.
  const m = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
  if (!m) return { status: 200, body: full, headers: { 'accept-ranges': 'bytes' } };
  const start = Number(m[1]);
  const end = Math.min(m[2] ? Number(m[2]) : full.length - 1, full.length - 1);
  const body = full.subarray(start, end + 1);
  return { status: 206, body, headers: { 'content-range': `bytes ${start}-${end}/${full.length}` } };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function end(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': 0 }).end();
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
