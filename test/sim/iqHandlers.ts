import { getBinaryNodeChild, getBinaryNodeChildren, S_WHATSAPP_NET } from '@whiskeysockets/baileys';
import type { BinaryNode } from '@whiskeysockets/baileys';
import { bundleToUserNode } from './signalActor.js';
import type { PreKeyBundle } from './signalActor.js';
import type { Account, LinkedDevice } from './world.js';
import { lidJid, pnJid, splitJid } from './world.js';

/** What the iq handlers may look at or change; implemented by the Simulator. */
export type IqWorld = Readonly<{
  account: Account;
  device: () => LinkedDevice | undefined;
  /** Resolves a PN or LID user to a known participant (contact or the account's phone). */
  participant: (user: string) => { pn: string; lid: string; devices: number[] } | undefined;
  bundleFor: (user: string, device: number) => Promise<PreKeyBundle | undefined>;
  onLogout: () => void;
  mediaHost: string;
  /** The CDN's own <media_conn> (upload auth + host) when a CDN is attached. */
  mediaConn?: BinaryNode;
  /** App-state server: answers `w:sync:app:state` with patches/snapshots and accepts client patches. */
  appSync?: (sync: BinaryNode | undefined) => Promise<BinaryNode>;
  /** Group queries (`w:g2`); undefined = the account is in no group. */
  groups?: (iq: BinaryNode) => BinaryNode[] | undefined;
}>;

export type IqAnswer = Readonly<{ reply: BinaryNode; handled: boolean }>;

const result = (iq: BinaryNode, content?: BinaryNode[]): BinaryNode => ({
  tag: 'iq',
  attrs: { from: S_WHATSAPP_NET, type: 'result', id: iq.attrs.id ?? '' },
  ...(content ? { content } : {}),
});

const error = (iq: BinaryNode, code: number, text: string): BinaryNode => ({
  tag: 'iq',
  attrs: { from: S_WHATSAPP_NET, type: 'error', id: iq.attrs.id ?? '' },
  content: [{ tag: 'error', attrs: { code: String(code), text } }],
});

const children = (node: BinaryNode | undefined): BinaryNode[] => (Array.isArray(node?.content) ? node.content : []);

const bytes = (node: BinaryNode | undefined): Buffer | undefined =>
  node?.content instanceof Uint8Array ? Buffer.from(node.content) : undefined;

const uint = (node: BinaryNode | undefined): number => {
  const b = bytes(node);
  return b && b.length ? b.readUIntBE(0, b.length) : 0;
};

function storeUpload(iq: BinaryNode, device: LinkedDevice | undefined): void {
  if (!device) return;
  for (const key of getBinaryNodeChildren(getBinaryNodeChild(iq, 'list'), 'key')) {
    const pub = bytes(getBinaryNodeChild(key, 'value'));
    if (pub) device.preKeys.set(uint(getBinaryNodeChild(key, 'id')), pub);
  }
  const skey = getBinaryNodeChild(iq, 'skey') ?? getBinaryNodeChild(getBinaryNodeChild(iq, 'rotate'), 'skey');
  const pub = bytes(getBinaryNodeChild(skey, 'value'));
  const signature = bytes(getBinaryNodeChild(skey, 'signature'));
  if (skey && pub)
    device.signedPreKey = {
      keyId: uint(getBinaryNodeChild(skey, 'id')),
      publicKey: pub,
      ...(signature ? { signature } : {}),
    };
}

async function encryptKeyBundles(iq: BinaryNode, world: IqWorld): Promise<BinaryNode> {
  const users: BinaryNode[] = [];
  for (const user of getBinaryNodeChildren(getBinaryNodeChild(iq, 'key'), 'user')) {
    const jid = user.attrs.jid ?? '';
    const parsed = splitJid(jid);
    const bundle = parsed ? await world.bundleFor(parsed.user, parsed.device) : undefined;
    users.push(
      bundle
        ? bundleToUserNode(jid, bundle)
        : { tag: 'user', attrs: { jid }, content: [{ tag: 'error', attrs: { code: '404', text: 'item-not-found' } }] },
    );
  }
  return result(iq, [{ tag: 'list', attrs: {}, content: users }]);
}

/** usync: answers each requested protocol per user (devices with key-index for companions, LID, contact). */
function usync(iq: BinaryNode, world: IqWorld): BinaryNode {
  const usyncNode = getBinaryNodeChild(iq, 'usync');
  const protocols = children(getBinaryNodeChild(usyncNode, 'query')).map((p) => p.tag);
  const device = world.device();
  const list: BinaryNode[] = [];
  for (const user of getBinaryNodeChildren(getBinaryNodeChild(usyncNode, 'list'), 'user')) {
    const contactNode = getBinaryNodeChild(user, 'contact');
    const phone = bytes(contactNode)
      ?.toString()
      .replace(/[^0-9]/g, '');
    const parsed = user.attrs.jid ? splitJid(user.attrs.jid) : undefined;
    const who = world.participant(parsed?.user ?? phone ?? '');
    const isAccount = who?.pn === world.account.pn;
    const jid = user.attrs.jid ?? (who ? pnJid(who.pn) : pnJid(phone ?? '0'));
    const content: BinaryNode[] = [];
    for (const protocol of protocols) {
      if (protocol === 'devices') {
        const ids = who ? [...who.devices] : [0];
        if (isAccount && device) ids.push(device.id);
        content.push({
          tag: 'devices',
          attrs: {},
          content: [
            {
              tag: 'device-list',
              attrs: {},
              // non-zero devices need a key-index or Baileys skips them
              content: ids.map((id): BinaryNode => ({
                tag: 'device',
                attrs: id ? { id: String(id), 'key-index': '1' } : { id: '0' },
              })),
            },
          ],
        });
      } else if (protocol === 'lid') {
        content.push({ tag: 'lid', attrs: who ? { val: lidJid(who.lid) } : {} });
      } else if (protocol === 'contact') {
        content.push({
          tag: 'contact',
          attrs: { type: who ? 'in' : 'out' },
          ...(contactNode?.content ? { content: contactNode.content } : {}),
        });
      } else {
        content.push({ tag: protocol, attrs: {} });
      }
    }
    list.push({ tag: 'user', attrs: { jid }, content });
  }
  return result(iq, [
    {
      tag: 'usync',
      attrs: { ...usyncNode?.attrs },
      content: [
        { tag: 'result', attrs: {} },
        { tag: 'list', attrs: {}, content: list },
      ],
    },
  ]);
}

/**
 * Replies for every query Baileys rc14 sends (SIMULATOR-NOTES §3). Unknown queries get a 501 error,
 * recorded as unhandled so a suite can assert it met none.
 */
export async function answerIq(iq: BinaryNode, world: IqWorld): Promise<IqAnswer> {
  const { xmlns = '', type = '' } = iq.attrs;
  const child = children(iq)[0]?.tag ?? '';
  const device = world.device();
  const ok = (content?: BinaryNode[]): IqAnswer => ({ reply: result(iq, content), handled: true });
  switch (`${xmlns}/${type}/${child}`) {
    case 'encrypt/get/count':
      return ok([{ tag: 'count', attrs: { value: String(device?.preKeys.size ?? 0) } }]);
    case 'encrypt/set/registration':
    case 'encrypt/set/rotate':
      storeUpload(iq, device);
      return ok();
    case 'encrypt/get/digest':
      // Baileys only checks that a <digest> child exists.
      return ok([{ tag: 'digest', attrs: {} }]);
    case 'encrypt/get/key':
      return { reply: await encryptKeyBundles(iq, world), handled: true };
    case 'passive/set/active':
    case 'passive/set/passive':
    case 'privacy/set/tokens':
    case 'privacy/set/privacy':
    case 'w:p/get/ping':
    case 'blocklist/set/item':
    case 'urn:xmpp:whatsapp:dirty/set/clean':
      return ok();
    case 'abt/get/props':
      return ok([{ tag: 'props', attrs: { protocol: '1', hash: 'sim-props-1' } }]);
    case 'w/get/props':
      return ok([{ tag: 'props', attrs: { version: '1', hash: 'sim-props-1' } }]);
    case 'blocklist/get/':
    case 'blocklist/get/list':
      return ok([{ tag: 'list', attrs: {} }]);
    case 'privacy/get/privacy':
      return ok([
        {
          tag: 'privacy',
          attrs: {},
          content: ['readreceipts', 'last', 'online', 'profile', 'status', 'groupadd', 'calladd'].map((name) => ({
            tag: 'category',
            attrs: { name, value: name === 'readreceipts' ? 'all' : 'contacts' },
          })),
        },
      ]);
    case 'w:sync:app:state/set/sync':
      if (world.appSync) return ok([await world.appSync(getBinaryNodeChild(iq, 'sync'))]);
      // Echo every requested collection, or Baileys loops forever (an empty <sync/>) or deadlocks (no reply).
      return ok([
        {
          tag: 'sync',
          attrs: {},
          content: getBinaryNodeChildren(getBinaryNodeChild(iq, 'sync'), 'collection').map((c) => ({
            tag: 'collection',
            attrs: { name: c.attrs.name ?? '', version: c.attrs.version ?? '0' },
          })),
        },
      ]);
    case 'usync/get/usync':
      return ok(usync(iq, world).content as BinaryNode[]);
    case 'w:m/set/media_conn':
      if (world.mediaConn) return ok([world.mediaConn]);
      return ok([
        {
          tag: 'media_conn',
          attrs: { auth: 'sim-media-auth', ttl: '3600', auth_ttl: '3600', max_buckets: '1' },
          content: [{ tag: 'host', attrs: { hostname: world.mediaHost, maxContentLengthBytes: '104857600' } }],
        },
      ]);
    case 'md/set/remove-companion-device':
      world.onLogout();
      return ok();
    case 'w:g2/get/participating':
    case 'w:g2/get/query': {
      const groups = world.groups?.(iq);
      if (groups) return ok(groups);
      if (child === 'query') return { reply: error(iq, 404, 'item-not-found'), handled: true };
      return ok([{ tag: 'groups', attrs: {} }]);
    }
    case 'w:profile:picture/get/picture':
      return { reply: error(iq, 404, 'item-not-found'), handled: true };
    default:
      return { reply: error(iq, 501, 'feature-not-implemented'), handled: false };
  }
}
