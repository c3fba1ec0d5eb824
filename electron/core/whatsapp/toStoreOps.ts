import type { MediaDownload, NormalizeOp } from './normalize/index.js';
import type { StoreOp } from '../store/index.js';
import { missingCaseError } from '../util/missingCaseError.js';

export type StoreOpsOptions = Readonly<{
  /** Whether the archive already tracks this message's media (an echo must not reset "ready" to "remote"). */
  hasMediaRecord: (chatId: string, messageId: string) => boolean;
  /** Where the LID↔PN pair was learned, for the store's mapping provenance. */
  lidSource: string;
}>;

/** Normalizer ops → store ops. */
export function toStoreOps(ops: readonly NormalizeOp[], options: StoreOpsOptions): StoreOp[] {
  const out: StoreOp[] = [];
  for (const op of ops) {
    switch (op.op) {
      case 'upsertMessage':
        out.push({ type: 'message.upsert', message: op.message, raw: op.raw });
        if (op.media && op.message.body.kind === 'media' && !options.hasMediaRecord(op.message.chatId, op.message.id)) {
          out.push(mediaStateOp(op.message.chatId, op.message.id, op.media));
        }
        break;
      case 'upsertChat':
        out.push({ type: 'chat.upsert', chat: op.chat });
        break;
      case 'applyReaction':
        out.push({
          type: 'message.react',
          chatId: op.target.chatId,
          messageId: op.target.messageId,
          reaction: { senderId: op.senderId, emoji: op.emoji, at: op.at },
        });
        break;
      case 'applyEdit':
        out.push({
          type: 'message.edit',
          chatId: op.target.chatId,
          messageId: op.target.messageId,
          text: op.newText,
          editedAt: op.at,
        });
        break;
      case 'applyRevoke':
        out.push({ type: 'message.revoke', chatId: op.target.chatId, messageId: op.target.messageId });
        break;
      case 'upsertContactName':
        out.push({
          type: 'contact.upsert',
          contact: { jid: op.contactId, names: [{ source: op.source, name: op.name }] },
        });
        break;
      case 'lidMapping':
        out.push({ type: 'lid.map', lid: op.lid, pn: op.pn, source: options.lidSource });
        break;
      case 'applyPollVote':
        out.push({
          type: 'poll.vote',
          vote: {
            chatId: op.target.chatId,
            pollId: op.target.messageId,
            voterId: op.voter,
            optionHashesHex: op.vote.kind === 'decrypted' ? op.vote.selectedOptionHashesHex : null,
            // Kept whole so it can be decrypted once its poll (and that poll's secret) is archived.
            encryptedJson: op.vote.kind === 'encrypted' ? JSON.stringify(op.vote) : null,
            votedAt: op.at,
          },
        });
        break;
      case 'ignore':
        break;
      default:
        throw missingCaseError(op);
    }
  }
  return out;
}

function mediaStateOp(chatId: string, messageId: string, download: MediaDownload): StoreOp {
  return { type: 'media.state', update: { chatId, messageId, state: { status: 'remote' }, download } };
}
