import type { PreKeyBundle, SignedKey } from './signalActor.js';

/** The one WhatsApp account the simulator hosts (its phone is device 0). */
export type Account = {
  readonly pn: string; // user part, e.g. '15550001000'
  readonly lid: string; // user part of the account's LID
  pushName: string | undefined;
};

/** A companion (the app) after pairing: what the server knows about it. */
export type LinkedDevice = {
  readonly id: number;
  readonly noisePublic: Buffer;
  readonly identityPublic: Buffer;
  readonly registrationId: number;
  signedPreKey: SignedKey;
  /** One-time prekeys uploaded by the client and not handed out yet. */
  readonly preKeys: Map<number, Buffer>;
  /** Bumped whenever the device re-pairs, so actors drop their old sessions. */
  readonly generation: number;
  /** The phone sends the initial history bootstrap once, on the first login after pairing. */
  initialHistorySent: boolean;
};

export const pnJid = (user: string, device = 0): string =>
  device ? `${user}:${device}@s.whatsapp.net` : `${user}@s.whatsapp.net`;
export const lidJid = (user: string, device = 0): string => (device ? `${user}:${device}@lid` : `${user}@lid`);

/** Parses `user[:device]@server` without validating the server (hostile input is allowed here). */
export function splitJid(jid: string): { user: string; device: number; server: string } | undefined {
  const at = jid.indexOf('@');
  if (at < 0) return undefined;
  const userPart = jid.slice(0, at);
  const server = jid.slice(at + 1);
  const [userAgent = '', device] = userPart.split(':');
  const user = userAgent.split('_')[0] ?? '';
  return { user, device: device ? Number(device) : 0, server };
}

/**
 * A bundle for the linked device from the prekeys it uploaded, handing each one-time prekey out
 * only once, as the real service does (after they run out: signed prekey only).
 */
export function takeDeviceBundle(device: LinkedDevice): PreKeyBundle {
  const first = device.preKeys.entries().next();
  if (!first.done) device.preKeys.delete(first.value[0]);
  return {
    registrationId: device.registrationId,
    identityKey: device.identityPublic,
    signedPreKey: device.signedPreKey,
    ...(first.done ? {} : { preKey: { keyId: first.value[0], publicKey: first.value[1] } }),
  };
}
