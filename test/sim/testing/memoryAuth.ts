import { initAuthCreds } from '@whiskeysockets/baileys';
import type { AuthenticationCreds, AuthenticationState, SignalKeyStore } from '@whiskeysockets/baileys';
import { makeMemoryKeyStore } from '../memoryKeyStore.js';

export type MemoryAuth = Readonly<{
  state: AuthenticationState;
  /** Pass to `sock.ev.on('creds.update', …)`; Baileys already mutates creds in place, this keeps a count. */
  saveCreds: (update: Partial<AuthenticationCreds>) => void;
  keys: SignalKeyStore;
}>;

/** Creds + keys for a Baileys client that live as long as the test (survive reconnects). */
export function makeMemoryAuth(): MemoryAuth {
  const creds = initAuthCreds();
  const keys = makeMemoryKeyStore();
  return {
    state: { creds, keys },
    saveCreds: (update) => {
      Object.assign(creds, update);
    },
    keys,
  };
}
