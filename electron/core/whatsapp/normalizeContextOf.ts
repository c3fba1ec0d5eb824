import { jidNormalizedUser } from '@whiskeysockets/baileys';
import type { AuthenticationCreds } from '@whiskeysockets/baileys';
import type { AccountId } from '../../../shared/src/index.js';
import type { AccountStore } from '../store/index.js';
import type { NormalizeContext } from './normalize/index.js';
import { makePollVoteDecryptor } from './pollVoteDecryptor.js';

/**
 * The normalizer's view of the world: who we are (from the creds), how the archive files a JID
 * (the store's LID↔PN resolver), which message ids this app sent, and how to open a poll vote
 * (with its poll's archived secret).
 */
export function normalizeContextOf(
  accountId: AccountId,
  creds: AuthenticationCreds,
  store: AccountStore,
  isSentByThisDevice: (waId: string) => boolean,
): NormalizeContext {
  const me = creds.me;
  const self = {
    pn: me?.id ? jidNormalizedUser(me.id) : '',
    lid: me?.lid ? jidNormalizedUser(me.lid) : null,
  };
  const resolveJid = (jid: string): string => store.resolveContactId(jid);
  return {
    accountId,
    self,
    resolveJid,
    isSentByThisDevice,
    decryptPollVote: makePollVoteDecryptor({
      rawMessage: (chatId, messageId) => store.getRawMessage(chatId, messageId),
      resolveJid,
      self,
    }),
  };
}
