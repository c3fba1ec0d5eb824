import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BinaryNode } from '@whiskeysockets/baileys';
import { z } from 'zod';
import { routePart2 } from './adminPart2Routes.js';
import type { Contact } from './contact.js';
import type { MessageKind } from './messageKinds.js';
import { SimHost } from './simHost.js';
import type { Simulator } from './simulator.js';

/** Admin replies: `{ ok: true, value }` or `{ ok: false, error }` with a 4xx/5xx status. */
type Reply = { status: number; body: { ok: true; value: unknown } | { ok: false; error: string } };

const ok = (value: unknown): Reply => ({ status: 200, body: { ok: true, value } });
const fail = (status: number, error: string): Reply => ({ status, body: { ok: false, error } });

const sendOptions = z
  .object({
    id: z.string().optional(),
    addressing: z.enum(['pn', 'lid']).optional(),
    plaintext: z.boolean().optional(),
    corrupt: z.boolean().optional(),
    dropConnectionAfterSend: z.boolean().optional(),
    lostInTransit: z.boolean().optional(),
  })
  .optional();

const ref = z.object({ id: z.string(), fromMe: z.boolean() });
const messageBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({
    kind: z.literal('extendedText'),
    text: z.string(),
    matchedText: z.string().optional(),
    title: z.string().optional(),
  }),
  z.object({ kind: z.literal('quoted'), text: z.string(), quoted: ref, quotedText: z.string() }),
  z.object({ kind: z.literal('reaction'), emoji: z.string(), target: ref }),
  z.object({ kind: z.literal('edit'), text: z.string(), target: ref }),
  z.object({ kind: z.literal('revoke'), target: ref }),
  z.object({
    kind: z.literal('location'),
    lat: z.number(),
    lng: z.number(),
    name: z.string().optional(),
    address: z.string().optional(),
  }),
  z.object({ kind: z.literal('contactCard'), displayName: z.string(), phone: z.string() }),
  z.object({
    kind: z.literal('poll'),
    name: z.string(),
    options: z.array(z.string()).min(2),
    selectableCount: z.number().int().optional(),
  }),
  z.object({
    kind: z.enum(['image', 'video', 'audio', 'voice', 'document', 'sticker']),
    caption: z.string().optional(),
    fileName: z.string().optional(),
    seed: z.number().int().optional(),
  }),
]);

const schemas = {
  contact: z.object({
    pn: z
      .string()
      .regex(/^\d{6,15}$/)
      .optional(),
    lid: z
      .string()
      .regex(/^\d{6,20}$/)
      .optional(),
    pushName: z.string().optional(),
    receipts: z
      .object({ delivery: z.boolean(), read: z.boolean(), delayMs: z.number().int().min(0) })
      .partial()
      .optional(),
  }),
  send: z.object({ message: messageBody, options: sendOptions }),
  read: z.object({ ids: z.array(z.string()).min(1) }),
  scan: z.object({ qr: z.string(), signatureMode: z.enum(['valid', 'forged']).optional() }),
  fault: z.object({
    ms: z.number().int().min(0).optional(),
    on: z.boolean().optional(),
    bytes: z.number().int().min(1).optional(),
  }),
  history: z.object({
    syncType: z.enum(['INITIAL_BOOTSTRAP', 'RECENT', 'FULL', 'PUSH_NAME', 'ON_DEMAND', 'NON_BLOCKING_DATA']),
    pushnames: z.array(z.object({ id: z.string(), pushname: z.string() })).optional(),
    progress: z.number().int().min(0).max(100).optional(),
    chunkOrder: z.number().int().optional(),
    via: z.enum(['inline', 'cdn']).optional(),
  }),
  preKeyLow: z.object({ count: z.number().int().min(0).optional() }),
};

/** Binary nodes as JSON: byte contents become base64 strings. */
export function nodeToJson(node: BinaryNode): unknown {
  const content = node.content;
  return {
    tag: node.tag,
    attrs: node.attrs,
    ...(content === undefined
      ? {}
      : Array.isArray(content)
        ? { content: content.map(nodeToJson) }
        : typeof content === 'string'
          ? { content }
          : { contentBase64: Buffer.from(content).toString('base64') }),
  };
}

const contactJson = (c: Contact) => ({
  pn: c.pn,
  lid: c.lid,
  pnJid: c.pnJid,
  lidJid: c.lidJid,
  pushName: c.pushName,
  receipts: c.receipts,
});

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}

async function route(
  sim: Simulator,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): Promise<Reply> {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b, c] = parts;
  const key = `${method} /${a ?? ''}${b === undefined ? '' : '/:'}${c === undefined ? '' : `/${c}`}`;
  switch (key) {
    case 'GET /state':
      return ok({
        wsUrl: sim.wsUrl,
        trustRootBase64: Buffer.from(sim.trustRoot).toString('base64'),
        account: sim.account,
        device: sim.device ? { id: sim.device.id, preKeys: sim.device.preKeys.size } : null,
        online: sim.activeConnection !== undefined,
        contacts: [...sim.contacts.values()].map(contactJson),
        stats: sim.stats,
        mailbox: sim.mailbox.size,
        media: sim.media !== undefined,
      });
    case 'GET /contacts':
      return ok([...sim.contacts.values()].map(contactJson));
    case 'POST /contacts': {
      const input = schemas.contact.parse(body);
      const contact = sim.addContact({
        ...(input.pn ? { pn: input.pn } : {}),
        ...(input.lid ? { lid: input.lid } : {}),
        ...(input.pushName !== undefined ? { pushName: input.pushName } : {}),
        ...(input.receipts ? { receipts: input.receipts } : {}),
      });
      return ok(contactJson(contact));
    }
    case 'POST /contacts/:/messages': {
      const contact = sim.contact(b ?? '');
      const { message, options = {} } = schemas.send.parse(body);
      const opts = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
      if (['image', 'video', 'audio', 'voice', 'document', 'sticker'].includes(message.kind)) {
        if (!sim.media) return fail(409, 'media is off: start the simulator with media');
        const m = message as { kind: 'image'; caption?: string; fileName?: string; seed?: number };
        const content = Object.fromEntries(
          Object.entries({ caption: m.caption, fileName: m.fileName, seed: m.seed }).filter(([, v]) => v !== undefined),
        );
        const sent = await sim.media.send(contact, m.kind, content, opts);
        return ok({ id: sent.id, directPath: sent.built.directPath });
      }
      return ok({ id: await contact.send(message as MessageKind, opts) });
    }
    case 'GET /contacts/:/received':
      return ok(sim.contact(b ?? '').received.map((m) => ({ id: m.id, at: m.at, message: m.message.toJSON() })));
    case 'POST /contacts/:/read':
      sim.contact(b ?? '').markRead(schemas.read.parse(body).ids);
      return ok(null);
    case 'POST /phone/:': {
      if (b !== 'scan') break; // other /phone/* routes: adminPart2Routes.ts
      const input = schemas.scan.parse(body);
      return ok(await sim.phone.scanQR(input.qr, input.signatureMode ? { signatureMode: input.signatureMode } : {}));
    }
    case 'POST /faults/:': {
      const input = schemas.fault.parse(body);
      const faults = sim.faults;
      const actions: Record<string, () => void> = {
        drop: () => faults.dropConnection(),
        conflict: () => faults.conflict(),
        logout: () => faults.logout(),
        restart: () => faults.restartRequired(),
        'silence-pings': () => faults.silencePings(input.on ?? true),
        'delay-iqs': () => faults.delayIqs(input.ms ?? 0),
        'garbage-frame': () => faults.sendGarbageFrame(input.bytes),
        'unknown-node': () => faults.sendUnknownNode(),
        'huge-node': () => faults.sendHugeNode(input.bytes),
      };
      const action = actions[b ?? ''];
      if (!action) return fail(404, `unknown fault ${b ?? ''}; known: ${Object.keys(actions).join(', ')}`);
      action();
      return ok(null);
    }
    case 'POST /history': {
      const { via, ...input } = schemas.history.parse(body);
      if (via === 'cdn') return ok(await sim.sendHistoryViaCdn(input));
      return ok({ id: await sim.sendHistoryInline(input) });
    }
    case 'POST /prekey-low':
      return ok({ id: sim.notifyPreKeyLow(schemas.preKeyLow.parse(body).count ?? 2) });
    case 'GET /observed': {
      const since = Number(query.get('since') ?? 0);
      const limit = Math.min(Number(query.get('limit') ?? 500), 5000);
      const nodes = sim.observed.nodes.slice(since, since + limit);
      return ok({
        next: since + nodes.length,
        nodes: nodes.map((o) => ({ dir: o.dir, at: o.at, connId: o.connId, node: nodeToJson(o.node) })),
      });
    }
    case 'GET /iqs':
      return ok({
        iqs: sim.observed.iqs,
        unanswered: sim.observed.unansweredIqs().length,
        unhandled: sim.observed.unhandledIqs().length,
      });
    default:
      break;
  }
  return (await routePart2(sim, method, parts, body)) ?? fail(404, `no route ${method} ${path}`);
}

/**
 * Which hosted account a request addresses: `/accounts/<pn>/…` names one (the rest of the path is
 * an ordinary route), `GET /accounts` lists them, and any other path means the first account, so a
 * single-account client never needs to know about accounts.
 */
function resolveAccount(
  target: Simulator | SimHost,
  method: string,
  path: string,
): { account: Simulator; path: string } | Reply {
  if (!(target instanceof SimHost)) return { account: target, path };
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'accounts') {
    if (parts.length === 1 && method === 'GET') {
      return ok(
        target.accounts.map((a) => ({
          pn: a.account.pn,
          lid: a.account.lid,
          linked: a.device !== undefined,
          online: a.activeConnection !== undefined,
        })),
      );
    }
    const account = target.accounts.find((a) => a.account.pn === parts[1]);
    if (!account) return fail(404, `no hosted account ${parts[1] ?? ''}`);
    return { account, path: `/${parts.slice(2).map(encodeURIComponent).join('/')}` };
  }
  const [first] = target.accounts;
  return first ? { account: first, path } : fail(409, 'the host has no accounts yet');
}

/**
 * Loopback JSON control API for a running simulator (CLI, Playwright, manual poking): one account
 * (a Simulator) or every account of a SimHost. Bound to 127.0.0.1 only; there is no auth, so never
 * bind it elsewhere.
 */
export class AdminApi {
  private constructor(private readonly server: Server) {}

  static async start(target: Simulator | SimHost, port = 0): Promise<AdminApi> {
    const server = createServer((req, res) => {
      void AdminApi.#handle(target, req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return new AdminApi(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  static async #handle(target: Simulator | SimHost, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      const method = req.method ?? 'GET';
      const resolved = resolveAccount(target, method, url.pathname);
      reply =
        'account' in resolved ? await route(resolved.account, method, resolved.path, url.searchParams, body) : resolved;
    } catch (err) {
      reply =
        err instanceof z.ZodError
          ? fail(400, err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
          : fail(err instanceof SyntaxError ? 400 : 422, err instanceof Error ? err.message : String(err));
    }
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply.body));
  }
}
