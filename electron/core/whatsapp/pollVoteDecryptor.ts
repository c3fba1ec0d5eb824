import { decryptPollVote, jidNormalizedUser, proto } from '@whiskeysockets/baileys';
import type { DecryptPollVote } from './normalize/index.js';

export type PollVoteDecryptorDeps = Readonly<{
  /** The archived raw WebMessageInfo of a message (the poll's creation message carries its secret). */
  rawMessage: (chatId: string, messageId: string) => Uint8Array | undefined;
  /** LID → PN as the archive knows it. */
  resolveJid: (jid: string) => string;
  self: Readonly<{ pn: string; lid: string | null }>;
}>;

/**
 * Decrypts live poll votes with Baileys' `decryptPollVote`, keyed by the poll's messageSecret from
 * the archived creation message. The key derivation binds the creator's and the voter's JIDs exactly
 * as the voter wrote them, and a vote does not say whether that was the PN or the LID, so each known
 * form is tried; AES-GCM authenticates, so a wrong guess fails instead of decoding garbage.
 * Returns null when the poll is not archived or no form fits (the vote is then kept encrypted).
 */
export function makePollVoteDecryptor(deps: PollVoteDecryptorDeps): DecryptPollVote {
  return (input) => {
    const raw = deps.rawMessage(input.target.chatId, input.target.messageId);
    if (raw === undefined) return null;
    const poll = proto.WebMessageInfo.decode(raw);
    const secret = poll.message?.messageContextInfo?.messageSecret;
    if (!secret?.length) return null;
    const creators = jidForms(deps, [input.pollCreatorJid, ...authorJidsOf(poll.key, deps)]);
    const voters = jidForms(deps, [input.voterJid]);
    for (const pollCreatorJid of creators) {
      for (const voterJid of voters) {
        try {
          const vote = decryptPollVote(
            { encPayload: input.encPayload, encIv: input.encIv },
            { pollCreatorJid, pollMsgId: input.pollMsgId, pollEncKey: secret, voterJid },
          );
          return { selectedOptionHashes: vote.selectedOptions ?? [] };
        } catch {
          // Not this pair of JIDs (the GCM tag did not verify): try the next form.
        }
      }
    }
    return null;
  };
}

/** Who wrote the poll, in every form its key records. */
function authorJidsOf(key: proto.IMessageKey | null | undefined, deps: PollVoteDecryptorDeps): string[] {
  if (!key) return [];
  if (key.fromMe) return [deps.self.pn, ...(deps.self.lid ? [deps.self.lid] : [])];
  const alts = key as { participantAlt?: string | null; remoteJidAlt?: string | null };
  return [key.participant, alts.participantAlt, ...(key.participant ? [] : [key.remoteJid, alts.remoteJidAlt])].filter(
    (jid): jid is string => typeof jid === 'string' && jid.length > 0,
  );
}

/** Each JID device-free, plus the archive's PN for a LID and both own forms for the account itself. */
function jidForms(deps: PollVoteDecryptorDeps, jids: readonly string[]): string[] {
  const selfForms = [deps.self.pn, deps.self.lid].filter((j): j is string => !!j).map((j) => jidNormalizedUser(j));
  const out = new Set<string>();
  for (const jid of jids) {
    const plain = jidNormalizedUser(jid);
    if (!plain) continue;
    out.add(plain);
    out.add(jidNormalizedUser(deps.resolveJid(plain)));
    if (selfForms.includes(plain)) for (const form of selfForms) out.add(form);
  }
  return [...out].filter((j) => j.length > 0);
}
