import { jidNormalizedUser } from '@whiskeysockets/baileys';
import type { AuthenticationCreds } from '@whiskeysockets/baileys';
import type { AccountId } from '../../../shared/src/index.js';
import type { AccountStore } from '../store/index.js';
import type { NormalizeContext } from './normalize/index.js';

/**
 * The normalizer's view of the world: who we are (from the creds), how the archive files a JID
 * (the store's LID↔PN resolver) and which message ids this app sent.
 */
export function normalizeContextOf(
  accountId: AccountId,
  creds: AuthenticationCreds,
  store: AccountStore,
  isSentByThisDevice: (waId: string) => boolean,
): NormalizeContext {
  const me = creds.me;
  return {
    accountId,
    self: {
      pn: me?.id ? jidNormalizedUser(me.id) : '',
      lid: me?.lid ? jidNormalizedUser(me.lid) : null,
    },
    resolveJid: (jid) => store.resolveContactId(jid),
    isSentByThisDevice,
  };
}
