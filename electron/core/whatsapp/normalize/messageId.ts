import { areJidsSameUser, isJidGroup, isLidUser, isPnUser, jidNormalizedUser } from '@whiskeysockets/baileys';
import type { ChatId, ContactId, MessageId } from '../../../../shared/src/index.js';
import type { NormalizeContext } from './ops.js';

/**
 * Domain ids are canonical JIDs, so they are stable across LID/PN addressing:
 *
 * - `ChatId`    = canonical chat JID: `jidNormalizedUser` (device suffix dropped), then LID→PN through the
 *                 message's own alt JIDs, then `ctx.resolveJid`. Groups keep their `@g.us` JID.
 * - `ContactId` = the canonical user JID, resolved the same way.
 * - `MessageId` = `${chatId}|${author}|${waId}` where author is `me` for the account's own messages and the
 *                 canonical sender JID otherwise (the peer in 1:1 chats, the participant in groups).
 *   This is a function of (remoteJid, fromMe, participant, id) after resolution. The participant of our
 *   own group messages is left out on purpose: live messages carry it but history copies often do not.
 */
export type JidResolver = Readonly<{
  canonical: (jid: string) => string;
  /** `jidNormalizedUser` (device dropped, not resolved; '' when the JID does not parse), memoized. */
  normalized: (jid: string) => string;
  isSelf: (jid: string | null | undefined) => boolean;
}>;

export type LidPnPair = Readonly<{ lid: string; pn: string }>;

export function makeJidResolver(ctx: NormalizeContext, pairs: readonly LidPnPair[] = []): JidResolver {
  const lidToPn = new Map<string, string>();
  for (const { lid, pn } of pairs.filter((p) => isConsistentPair(ctx, p))) {
    lidToPn.set(jidNormalizedUser(lid), jidNormalizedUser(pn));
  }
  // A history chunk asks for the same few hundred JIDs thousands of times, and Baileys' jidDecode
  // is a regex split per call: memoize for the resolver's lifetime (one chunk or one live event),
  // during which neither the chunk's pairs nor the store's mappings change.
  const normalizedCache = new Map<string, string>();
  const canonicalCache = new Map<string, string>();
  const normalized = (jid: string): string => {
    let hit = normalizedCache.get(jid);
    if (hit === undefined) {
      hit = jidNormalizedUser(jid);
      normalizedCache.set(jid, hit);
    }
    return hit;
  };
  const canonical = (jid: string): string => {
    let hit = canonicalCache.get(jid);
    if (hit === undefined) {
      const user = normalized(jid) || jid;
      const local = isLidUser(user) ? lidToPn.get(user) : undefined;
      const resolved = ctx.resolveJid(local ?? user);
      hit = jidNormalizedUser(resolved) || resolved;
      canonicalCache.set(jid, hit);
    }
    return hit;
  };
  return { canonical, normalized, isSelf: (jid) => isSelfJid(ctx, jid) };
}

export function isSelfJid(ctx: NormalizeContext, jid: string | null | undefined): boolean {
  return !!jid && (areJidsSameUser(jid, ctx.self.pn) || (ctx.self.lid !== null && areJidsSameUser(jid, ctx.self.lid)));
}

/**
 * A pair linking one of our own JIDs to someone else's is wrong, never a mapping. It happens: for our own
 * 1:1 messages Baileys fills `remoteJidAlt` from the stanza's sender attributes, i.e. with *our* alt
 * JID beside the peer's `remoteJid` (decode-wa-message.js, decodeMessageNode).
 */
export function isConsistentPair(ctx: NormalizeContext, pair: LidPnPair): boolean {
  return isSelfJid(ctx, pair.lid) === isSelfJid(ctx, pair.pn);
}

/** The (lid, pn) pair carried by a JID and its alt, in either order; null when they are not one of each. */
export function lidPnPairOf(jid: string | null | undefined, alt: string | null | undefined): LidPnPair | null {
  if (!jid || !alt) {
    return null;
  }
  if (isLidUser(jid) && isPnUser(alt)) {
    return { lid: jidNormalizedUser(jid), pn: jidNormalizedUser(alt) };
  }
  if (isPnUser(jid) && isLidUser(alt)) {
    return { lid: jidNormalizedUser(alt), pn: jidNormalizedUser(jid) };
  }
  return null;
}

export function isGroupJid(jid: string): boolean {
  return isJidGroup(jid) === true;
}

export function toChatId(canonicalJid: string): ChatId {
  return canonicalJid as ChatId;
}

export function toContactId(canonicalJid: string): ContactId {
  return canonicalJid as ContactId;
}

export const SELF_AUTHOR = 'me';

export function toMessageId(chatId: ChatId, author: ContactId | typeof SELF_AUTHOR, waId: string): MessageId {
  return `${chatId}|${author}|${waId}` as MessageId;
}
