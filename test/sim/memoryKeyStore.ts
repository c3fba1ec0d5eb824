import type { SignalDataSet, SignalDataTypeMap, SignalKeyStore } from '@whiskeysockets/baileys';

/**
 * A plain in-memory Signal key store (the shape Baileys' `SignalKeyStore` wants).
 * Used by the simulator's actors and by tests' in-memory auth state.
 */
export function makeMemoryKeyStore(): SignalKeyStore {
  const data = new Map<string, Map<string, unknown>>();
  return {
    get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const bucket = data.get(type);
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const id of ids) {
        const value = bucket?.get(id);
        if (value !== undefined && value !== null) out[id] = value as SignalDataTypeMap[T];
      }
      return out;
    },
    set(set: SignalDataSet) {
      for (const [type, entries] of Object.entries(set)) {
        let bucket = data.get(type);
        if (!bucket) {
          bucket = new Map();
          data.set(type, bucket);
        }
        for (const [id, value] of Object.entries(entries ?? {})) {
          if (value === null || value === undefined) bucket.delete(id);
          else bucket.set(id, value);
        }
      }
    },
    clear() {
      data.clear();
    },
  };
}
