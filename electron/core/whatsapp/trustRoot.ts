import { WA_CERT_DETAILS } from '@whiskeysockets/baileys';

/**
 * Makes Baileys trust the WhatsApp simulator's certificate root instead of WhatsApp's.
 *
 * Demo and test worker entries only: production bundles must never contain a call to this
 * (test/core/process/productionBundles.test.ts greps for it). Baileys reads the root from this
 * mutable export at handshake time, and Baileys stays external to our bundles, so the entry and
 * the socket share one module instance and the swap takes effect.
 */
export function trustSimulatorRoot(rootPublicKey: Uint8Array): void {
  if (rootPublicKey.length !== 32) throw new Error(`a simulator root key has 32 bytes, got ${rootPublicKey.length}`);
  WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(rootPublicKey);
}
