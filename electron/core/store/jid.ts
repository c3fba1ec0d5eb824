/*
 * The few JID rules the store needs to key contacts. Baileys has fuller helpers, but this folder
 * must not import Baileys; these cover user/LID/group JIDs as they reach the store.
 */

const PN_SERVER = 's.whatsapp.net';
const LEGACY_PN_SERVER = 'c.us';

export function splitJid(jid: string): { user: string; server: string } | undefined {
  const at = jid.lastIndexOf('@');
  if (at <= 0 || at === jid.length - 1) return undefined;
  return { user: jid.slice(0, at), server: jid.slice(at + 1) };
}

/** Drops the device (`:12`) and agent (`_1`) parts: every device of a person is one contact. */
export function normalizeUserJid(jid: string): string {
  const parts = splitJid(jid);
  if (parts === undefined) return jid;
  const server = parts.server === LEGACY_PN_SERVER ? PN_SERVER : parts.server;
  if (server === 'g.us' || server === 'broadcast' || server === 'newsletter') return `${parts.user}@${server}`;
  const user = parts.user.split(':')[0]?.split('_')[0] ?? parts.user;
  return `${user}@${server}`;
}

export function isLidJid(jid: string): boolean {
  return jid.endsWith('@lid') || jid.endsWith('@hosted.lid');
}

export function isPnJid(jid: string): boolean {
  return jid.endsWith(`@${PN_SERVER}`) || jid.endsWith('@hosted') || jid.endsWith(`@${LEGACY_PN_SERVER}`);
}

export function isGroupJid(jid: string): boolean {
  return jid.endsWith('@g.us');
}

/** E.164 digits of a phone-number JID, or null. */
export function phoneDigits(jid: string): string | null {
  if (!isPnJid(jid)) return null;
  const user = splitJid(normalizeUserJid(jid))?.user ?? '';
  return /^\d{3,20}$/.test(user) ? user : null;
}
