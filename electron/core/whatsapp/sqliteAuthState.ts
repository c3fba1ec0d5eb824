import { BufferJSON, initAuthCreds, proto } from '@whiskeysockets/baileys';
import type {
  AuthenticationCreds,
  AuthenticationState,
  SignalDataTypeMap,
  SignalKeyStore,
} from '@whiskeysockets/baileys';
import type { AccountStore } from '../store/index.js';

/** The creds row exists but cannot be turned back into credentials: never silently re-pair over it. */
export class AuthStateReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthStateReadError';
  }
}

/**
 * A pre-key id is being written again with a different key pair. A peer may already hold the stored
 * public half (from the server or a retry receipt), so replacing it would break that peer's pkmsg.
 */
export class PreKeyOverwriteError extends Error {
  constructor(readonly preKeyId: string) {
    super(`pre-key ${preKeyId} is already stored with a different key pair`);
    this.name = 'PreKeyOverwriteError';
  }
}

export type SqliteAuthState = Readonly<{
  state: AuthenticationState;
  /** Writes the (in-place mutated) creds object; call on every `creds.update`. */
  saveCreds: () => void;
  /** True when the store had no creds row and fresh credentials were generated (QR pairing follows). */
  isNew: boolean;
}>;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

const serialize = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value, BufferJSON.replacer));

function deserialize(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(decoder.decode(bytes), BufferJSON.reviver) as unknown;
  } catch (err) {
    throw new AuthStateReadError(`${what} is not valid serialized auth data`, { cause: err });
  }
}

/**
 * Baileys' AuthenticationState over the account store (the anti-`useMultiFileAuthState`):
 * - creds are one encrypted row, serialized with BufferJSON;
 * - `keys.set` is ONE SQLite transaction for all types and ids. Baileys wraps this store with
 *   `addTransactionCapability` itself (socket.js), whose commit is a single `set`, so every Baileys
 *   key transaction lands atomically;
 * - pre-keys: the creds counter (`nextPreKeyId`) stays ahead of every stored pre-key id. Baileys
 *   advances it through `creds.update` separately from the key commit; if a stored pre-key is ever
 *   at or above the counter (a lost creds write), the counter is advanced in the SAME SQLite
 *   transaction as the key, and repaired on load, so no id is minted twice. A stored pre-key is
 *   never replaced by a different key pair (PreKeyOverwriteError rolls the whole set back);
 * - a creds/key row that cannot be read throws (StoreError from the store, AuthStateReadError for bad
 *   JSON). Fresh creds are generated only when the store says there is no creds row at all.
 */
export function makeSqliteAuthState(store: AccountStore): SqliteAuthState {
  const stored = store.readCreds();
  const creds: AuthenticationCreds =
    stored === undefined ? initAuthCreds() : (deserialize(stored, 'creds row') as AuthenticationCreds);
  if (stored !== undefined && (typeof creds !== 'object' || creds === null || !('noiseKey' in creds))) {
    throw new AuthStateReadError('creds row has no noise key');
  }
  const keys: SignalKeyStore = {
    get: <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
      const rows = store.getKeys(type, ids);
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const id of ids) {
        const bytes = rows[id];
        if (bytes === undefined) continue;
        let value = deserialize(bytes, `key ${type}`);
        // Stored as plain JSON; Baileys expects the proto class for app-state keys.
        if (type === 'app-state-sync-key' && value) {
          value = proto.Message.AppStateSyncKeyData.fromObject(value);
        }
        out[id] = value as SignalDataTypeMap[T];
      }
      return out;
    },
    set: (data) => {
      const writes: Record<string, Record<string, Uint8Array | null>> = {};
      for (const [type, entries] of Object.entries(data)) {
        const typed: Record<string, Uint8Array | null> = {};
        for (const [id, value] of Object.entries(entries ?? {})) {
          typed[id] = value === null || value === undefined ? null : serialize(value);
        }
        writes[type] = typed;
      }
      const preKeys = writes['pre-key'] ?? {};
      store.transaction(() => {
        refuseChangedPreKeys(store, preKeys);
        store.setKeys(writes);
        if (advancePreKeyCounter(creds, highestPreKeyId(preKeys))) saveCreds();
      });
    },
    clear: () => {
      store.clearCredentials();
    },
  };
  function saveCreds(): void {
    store.writeCreds(serialize(creds));
  }
  const isCounterRepaired = stored !== undefined && advancePreKeyCounter(creds, store.maxNumericKeyId('pre-key'));
  if (stored === undefined || isCounterRepaired) saveCreds();
  return { state: { creds, keys }, saveCreds, isNew: stored === undefined };
}

/** Rejects writing a pre-key id that is stored with other bytes (same bytes: an idempotent rewrite). */
function refuseChangedPreKeys(store: AccountStore, preKeys: Readonly<Record<string, Uint8Array | null>>): void {
  const written = Object.entries(preKeys).filter((entry): entry is [string, Uint8Array] => entry[1] !== null);
  if (written.length === 0) return;
  const existing = store.getKeys(
    'pre-key',
    written.map(([id]) => id),
  );
  for (const [id, bytes] of written) {
    const old = existing[id];
    if (old !== undefined && !Buffer.from(old).equals(bytes)) throw new PreKeyOverwriteError(id);
  }
}

/** Highest pre-key id written (not deleted) in one set; 0 when none. */
function highestPreKeyId(preKeys: Readonly<Record<string, Uint8Array | null>>): number {
  let highest = 0;
  for (const [id, bytes] of Object.entries(preKeys)) {
    const n = Number(id);
    if (bytes !== null && Number.isSafeInteger(n) && n > highest) highest = n;
  }
  return highest;
}

/**
 * Moves the mint counters past `storedId` when they are not already; returns whether they moved.
 * The skipped ids are either stored (and kept, so a peer holding them can still start a session)
 * or were never handed out: minting from `storedId + 1` is safe either way.
 */
function advancePreKeyCounter(creds: AuthenticationCreds, storedId: number): boolean {
  if (storedId < creds.nextPreKeyId) return false;
  creds.nextPreKeyId = storedId + 1;
  creds.firstUnuploadedPreKeyId = Math.max(creds.firstUnuploadedPreKeyId, storedId + 1);
  return true;
}
