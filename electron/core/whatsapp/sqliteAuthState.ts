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
      store.setKeys(writes);
    },
    clear: () => {
      store.clearCredentials();
    },
  };
  const saveCreds = (): void => store.writeCreds(serialize(creds));
  if (stored === undefined) saveCreds();
  return { state: { creds, keys }, saveCreds, isNew: stored === undefined };
}
