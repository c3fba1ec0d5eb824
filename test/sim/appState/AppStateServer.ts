import { ALL_WA_PATCH_NAMES, chatModificationToAppPatch, proto, S_WHATSAPP_NET } from '@whiskeysockets/baileys';
import type { BinaryNode, ChatModification, WAPatchName } from '@whiskeysockets/baileys';
import type { CdnServer } from '../cdn/index.js';
import { encryptMedia } from '../media/index.js';
import { AppStateCollection, AppStatePatchError } from './AppStateCollection.js';
import { AppStateKeyring } from './appStateKeys.js';

/** A client patch the server refused (wrong base version, bad MAC…), for assertions. */
export type RejectedPatch = Readonly<{ collection: string; code: number; reason: string }>;

/** Patches per collection in one sync reply; more set `has_more_patches`, as the real server pages them. */
export const PATCHES_PER_REPLY = 20;

const isPatchName = (name: string): name is WAPatchName => (ALL_WA_PATCH_NAMES as readonly string[]).includes(name);

/**
 * The account's app state (push name, contacts' names, archive/pin/mute/read of chats) as the
 * server stores it, with the keys the phone shares. Answers `w:sync:app:state` (snapshots via the
 * CDN when one is attached, else patches from v0) and accepts the client's own patches.
 *
 *   await sim.appState.phoneChange({ archive: true, lastMessages: [] }, chatJid); // + server_sync
 *   sim.appState.valueOf('regular_low', ['archive', chatJid])?.archiveChatAction?.archived
 */
export class AppStateServer {
  readonly keys = new AppStateKeyring();
  readonly collections = new Map<WAPatchName, AppStateCollection>(
    ALL_WA_PATCH_NAMES.map((n) => [n, new AppStateCollection(n, this.keys)]),
  );
  readonly rejected: RejectedPatch[] = [];
  /** How many snapshots were served (through the CDN). */
  snapshotsServed = 0;

  constructor(private readonly cdn: () => CdnServer | undefined) {}

  collection(name: WAPatchName): AppStateCollection {
    const c = this.collections.get(name);
    if (!c) throw new Error(`unknown collection ${name}`);
    return c;
  }

  /**
   * Records a change made on the phone, built by Baileys' own `chatModificationToAppPatch`
   * (`{archive}`, `{pin}`, `{mute}`, `{markRead}`, `{contact}`, `{pushNameSetting}`…). Returns the
   * collection touched; tell the client with `serverSyncNotification(name)`.
   */
  async applyPhoneChange(mod: ChatModification, jid: string): Promise<WAPatchName> {
    const create = chatModificationToAppPatch(mod, jid);
    // The phone stamps every action; Baileys reads `timestamp` as the pin time.
    const syncAction = { ...create.syncAction, timestamp: Date.now() };
    await this.collection(create.type).applyFromPhone({ ...create, syncAction });
    return create.type;
  }

  /** The current decoded value at an index (last write wins), e.g. `['pin_v1', jid]`. */
  valueOf(name: WAPatchName, index: readonly string[]): proto.ISyncActionValue | undefined {
    return this.collection(name).entries.get(JSON.stringify(index))?.value;
  }

  /** `<notification type="server_sync">`: makes Baileys resync that collection. */
  serverSyncNotification(names: readonly WAPatchName[], id: string): BinaryNode {
    return {
      tag: 'notification',
      attrs: { from: S_WHATSAPP_NET, type: 'server_sync', id, t: String(Math.floor(Date.now() / 1000)) },
      // Baileys only reads the first <collection>; real servers send one per collection.
      content: names.map((name) => ({
        tag: 'collection',
        attrs: { name, version: String(this.collection(name).version) },
      })),
    };
  }

  /** The `<sync>` child answering a `w:sync:app:state` iq: every requested collection is echoed. */
  async answerSync(sync: BinaryNode | undefined): Promise<BinaryNode> {
    const requested = Array.isArray(sync?.content) ? sync.content.filter((c) => c.tag === 'collection') : [];
    const out: BinaryNode[] = [];
    for (const node of requested) out.push(await this.#answerCollection(node));
    return { tag: 'sync', attrs: {}, content: out };
  }

  async #answerCollection(node: BinaryNode): Promise<BinaryNode> {
    const name = node.attrs.name ?? '';
    const clientVersion = Number(node.attrs.version ?? 0);
    if (!isPatchName(name)) return { tag: 'collection', attrs: { name, version: String(clientVersion) } };
    const collection = this.collection(name);
    const sent = Array.isArray(node.content) ? node.content.find((c) => c.tag === 'patch') : undefined;
    if (sent?.content instanceof Uint8Array) {
      try {
        const version = await collection.applyFromClient(sent.content, clientVersion);
        return { tag: 'collection', attrs: { name, version: String(version) } };
      } catch (err) {
        const code = err instanceof AppStatePatchError ? err.code : 400;
        const reason = err instanceof Error ? err.message : String(err);
        this.rejected.push({ collection: name, code, reason });
        return {
          tag: 'collection',
          attrs: { name, version: String(collection.version), type: 'error' },
          content: [{ tag: 'error', attrs: { code: String(code), text: code === 409 ? 'conflict' : 'bad-request' } }],
        };
      }
    }
    const cdn = this.cdn();
    if (node.attrs.return_snapshot === 'true' && cdn && collection.version > 0) {
      return {
        tag: 'collection',
        attrs: { name, version: String(collection.version) },
        content: [await this.#snapshotNode(collection, cdn)],
      };
    }
    const pending = collection.patchesAfter(clientVersion);
    const page = pending.slice(0, PATCHES_PER_REPLY);
    const last = page.at(-1)?.version ?? Math.max(clientVersion, collection.version);
    return {
      tag: 'collection',
      attrs: {
        name,
        version: String(last),
        ...(pending.length > page.length ? { has_more_patches: 'true' } : {}),
      },
      ...(page.length
        ? {
            content: [
              { tag: 'patches', attrs: {}, content: page.map((p) => ({ tag: 'patch', attrs: {}, content: p.bytes })) },
            ],
          }
        : {}),
    };
  }

  /** Snapshots always travel as an ExternalBlobReference to an encrypted 'md-app-state' blob. */
  async #snapshotNode(collection: AppStateCollection, cdn: CdnServer): Promise<BinaryNode> {
    const bytes = proto.SyncdSnapshot.encode(collection.snapshot()).finish();
    const enc = await encryptMedia(bytes, 'md-app-state');
    const { directPath } = cdn.put(enc.enc, 'md-app-state');
    this.snapshotsServed++;
    const ref = proto.ExternalBlobReference.encode({
      mediaKey: enc.mediaKey,
      directPath,
      handle: 'sim',
      fileSizeBytes: enc.enc.length,
      fileSha256: enc.fileSha256,
      fileEncSha256: enc.fileEncSha256,
    }).finish();
    return { tag: 'snapshot', attrs: {}, content: Buffer.from(ref) };
  }
}
