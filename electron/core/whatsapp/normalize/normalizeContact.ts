import type { Contact } from '@whiskeysockets/baileys';
import type { NameSource } from '../../../../shared/src/index.js';
import type { JidResolver, LidPnPair } from './messageId.js';
import { isConsistentPair, lidPnPairOf, makeJidResolver, toContactId } from './messageId.js';
import type { NormalizeContext, NormalizeOp } from './ops.js';

/** Which Baileys field feeds which name source. `username` is not a display name WhatsApp shows. */
const NAME_FIELDS: ReadonlyArray<readonly [keyof Contact, NameSource]> = [
  ['name', 'phoneBook'],
  ['verifiedName', 'business'],
  ['notify', 'pushName'],
];

/** LID↔PN pairs a contact reveals: `id` may be either form, with the other in `lid`/`phoneNumber`. */
export function contactLidPairs(c: Contact): LidPnPair[] {
  return [lidPnPairOf(c.id, c.lid), lidPnPairOf(c.id, c.phoneNumber), lidPnPairOf(c.lid, c.phoneNumber)]
    .filter((p): p is LidPnPair => p !== null)
    .filter((p, i, all) => all.findIndex((q) => q.lid === p.lid) === i);
}

/**
 * A Baileys contact (history, contacts.upsert/update) as name and mapping ops. Blank names are skipped.
 * `chunkResolver`, from a history chunk, must be `makeJidResolver(ctx, extraLidPairs)` (see normalizeMessage).
 */
export function normalizeContact(
  contact: Contact,
  ctx: NormalizeContext,
  extraLidPairs: readonly LidPnPair[] = [],
  chunkResolver?: JidResolver,
): NormalizeOp[] {
  if (!contact.id) {
    return [{ op: 'ignore', reason: 'contact without id' }];
  }
  const pairs = contactLidPairs(contact).filter((p) => isConsistentPair(ctx, p));
  const resolver =
    pairs.length === 0 && chunkResolver !== undefined
      ? chunkResolver
      : makeJidResolver(ctx, [...extraLidPairs, ...pairs]);
  const contactId = toContactId(resolver.canonical(contact.id));
  const ops: NormalizeOp[] = pairs.map((p) => ({ op: 'lidMapping', ...p }));
  for (const [field, source] of NAME_FIELDS) {
    const value = contact[field];
    if (typeof value === 'string' && value.trim() !== '') {
      ops.push({ op: 'upsertContactName', contactId, source, name: value });
    }
  }
  return ops;
}
