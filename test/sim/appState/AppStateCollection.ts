import { decodeSyncdPatch, encodeSyncdPatch, hmacSign, newLTHashState, proto } from '@whiskeysockets/baileys';
import type { LTHashState, WAPatchCreate, WAPatchName } from '@whiskeysockets/baileys';
import type { AppStateKeyring } from './appStateKeys.js';

/** One decoded mutation as it stands in the collection now (last write per index wins). */
export type AppStateEntry = Readonly<{ index: readonly string[]; value: proto.ISyncActionValue; version: number }>;

export class AppStatePatchError extends Error {
  constructor(
    readonly code: 400 | 409,
    message: string,
  ) {
    super(message);
  }
}

const versionBytes = (version: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeUInt32BE(version, 4);
  return b;
};

/** HMAC-SHA256(ltHash ‖ u64 version ‖ name): what a patch's and a snapshot's `snapshotMac` must be. */
export function snapshotMac(keys: AppStateKeyring, keyId: string, state: LTHashState, name: string): Buffer {
  return hmacSign(
    Buffer.concat([state.hash, versionBytes(state.version), Buffer.from(name)]),
    keys.keysFor(keyId).snapshotMacKey,
  );
}

/**
 * One app-state collection as the server holds it: the ordered patches (phone's and client's), the
 * LT-hash state after the last one, and the records a snapshot is made of. Built and checked with
 * Baileys' own `encodeSyncdPatch` / `decodeSyncdPatch`, so MACs are exactly what Baileys computes.
 */
export class AppStateCollection {
  readonly patches: { version: number; bytes: Buffer; by: 'phone' | 'client' }[] = [];
  #state: LTHashState = newLTHashState();
  readonly #records = new Map<string, proto.ISyncdRecord>();
  readonly #entries = new Map<string, AppStateEntry>();

  constructor(
    readonly name: WAPatchName,
    private readonly keys: AppStateKeyring,
  ) {}

  get version(): number {
    return this.#state.version;
  }

  /** Decoded current values keyed by the JSON index (e.g. `["archive","1555…@s.whatsapp.net"]`). */
  get entries(): ReadonlyMap<string, AppStateEntry> {
    return this.#entries;
  }

  /** A change made on the phone: encoded with the current key, appended as the next version. */
  async applyFromPhone(create: WAPatchCreate): Promise<number> {
    const { patch, state } = await encodeSyncdPatch(create, this.keys.currentKeyId, this.#state, this.keys.get);
    const full: proto.ISyncdPatch = { ...patch, version: { version: state.version } };
    await this.#commit(full, 'phone');
    return this.version;
  }

  /**
   * A patch the client sent (`<collection version=V><patch>`): V must be our version (else 409, as the
   * server answers a stale client), the patch MAC, every value MAC and the resulting LT-hash
   * (`snapshotMac`) must verify with the shared keys.
   */
  async applyFromClient(bytes: Uint8Array, baseVersion: number): Promise<number> {
    if (baseVersion !== this.version) {
      throw new AppStatePatchError(409, `${this.name}: client at v${baseVersion}, server at v${this.version}`);
    }
    const patch = proto.SyncdPatch.decode(bytes);
    patch.version = { version: baseVersion + 1 };
    await this.#commit(patch, 'client');
    return this.version;
  }

  async #commit(patch: proto.ISyncdPatch, by: 'phone' | 'client'): Promise<void> {
    const keyId = Buffer.from(patch.keyId?.id ?? []).toString('base64');
    const version = Number(patch.version?.version ?? 0);
    const decoded: { index: string[]; value: proto.ISyncActionValue }[] = [];
    let result: Pick<LTHashState, 'hash' | 'indexValueMap'>;
    try {
      result = await decodeSyncdPatch(
        patch,
        this.name,
        this.#state,
        this.keys.get,
        (m) => decoded.push({ index: m.index, value: m.syncAction.value ?? {} }),
        true,
      );
    } catch (err) {
      throw new AppStatePatchError(400, `${this.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    // decodeSyncdMutations silently skips records whose value MAC fails; the LT-hash then no longer
    // matches the patch's snapshotMac, which is how a bad record is caught.
    if (decoded.length !== (patch.mutations ?? []).length) {
      throw new AppStatePatchError(400, `${this.name}: a mutation failed its value MAC`);
    }
    const next: LTHashState = { version, hash: result.hash, indexValueMap: result.indexValueMap };
    const expected = snapshotMac(this.keys, keyId, next, this.name);
    if (!expected.equals(Buffer.from(patch.snapshotMac ?? []))) {
      throw new AppStatePatchError(400, `${this.name}: snapshotMac does not match the LT-hash`);
    }
    this.#state = next;
    for (const m of patch.mutations ?? []) {
      const indexMac = Buffer.from(m.record?.index?.blob ?? []).toString('base64');
      if (m.operation === proto.SyncdMutation.SyncdOperation.REMOVE) this.#records.delete(indexMac);
      else if (m.record) this.#records.set(indexMac, m.record);
    }
    for (const d of decoded) this.#entries.set(JSON.stringify(d.index), { ...d, version });
    this.patches.push({ version, bytes: Buffer.from(proto.SyncdPatch.encode(patch).finish()), by });
  }

  /** Patches newer than `version`, oldest first. */
  patchesAfter(version: number): readonly { version: number; bytes: Buffer }[] {
    return this.patches.filter((p) => p.version > version);
  }

  /** The whole collection at the current version, MACed like the server's snapshot. */
  snapshot(): proto.ISyncdSnapshot {
    const keyId = this.keys.currentKeyId;
    return {
      version: { version: this.version },
      records: [...this.#records.values()],
      mac: snapshotMac(this.keys, keyId, this.#state, this.name),
      keyId: { id: Buffer.from(keyId, 'base64') },
    };
  }
}
