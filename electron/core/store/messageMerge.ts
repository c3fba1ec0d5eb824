import type { Message, MessageBody, MessageStatus, Reaction } from '../../../shared/src/index.js';
import { missingCaseError } from '../util/missingCaseError.js';

/*
 * Pure rules for folding a re-delivered message (history replay, retry, status update) into the
 * stored one. The same message reaches us several times in different states; a later copy must
 * never undo something that already happened (a read receipt, a revoke, an edit).
 */

const STATUS_RANK: Readonly<Record<MessageStatus, number>> = {
  pending: 0,
  failed: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  played: 5,
  received: 0,
};

/** Receipts can arrive out of order; a status only moves forward. */
export function mergeStatus(stored: MessageStatus, incoming: MessageStatus): MessageStatus {
  return STATUS_RANK[incoming] >= STATUS_RANK[stored] ? incoming : stored;
}

/** One reaction per sender; the newest wins; an empty emoji is a removal and is not kept. */
export function applyReactionTo(reactions: readonly Reaction[], reaction: Reaction): Reaction[] {
  const current = reactions.find((r) => r.senderId === reaction.senderId);
  if (current !== undefined && current.at > reaction.at) return [...reactions];
  const others = reactions.filter((r) => r.senderId !== reaction.senderId);
  return reaction.emoji === '' ? others : [...others, reaction];
}

export function mergeReactions(stored: readonly Reaction[], incoming: readonly Reaction[]): Reaction[] {
  return incoming.reduce<Reaction[]>((acc, r) => applyReactionTo(acc, r), [...stored]);
}

export function mergeMessage(stored: Message | undefined, incoming: Message): Message {
  if (stored === undefined) return { ...incoming, reactions: mergeReactions([], incoming.reactions) };
  const isStoredNewerEdit = stored.editedAt !== null && (incoming.editedAt ?? -Infinity) < stored.editedAt;
  // A revoke is final: a history copy of the original must not resurrect the content.
  const keepStoredBody = stored.body.kind === 'deleted' || isStoredNewerEdit;
  return {
    ...incoming,
    // Its place in the receive order was fixed when it was first stored.
    orderKey: stored.orderKey,
    body: keepStoredBody ? stored.body : incoming.body,
    editedAt: keepStoredBody ? stored.editedAt : incoming.editedAt,
    status: mergeStatus(stored.status, incoming.status),
    reactions: mergeReactions(stored.reactions, incoming.reactions),
    quoted: incoming.quoted ?? stored.quoted,
  };
}

/** Replaces the text of an edited message; kinds without text are left as they are. */
export function applyEditTo(body: MessageBody, text: string): MessageBody | undefined {
  switch (body.kind) {
    case 'text':
      return { kind: 'text', text };
    case 'media':
      return { ...body, caption: text };
    case 'location':
    case 'contactCard':
    case 'poll':
    case 'deleted':
    case 'unsupported':
      return undefined;
    default:
      throw missingCaseError(body);
  }
}

/** What full-text search indexes: the words a user would remember, not metadata. */
export function searchableText(body: MessageBody): string | null {
  switch (body.kind) {
    case 'text':
      return body.text;
    case 'media':
      return joinText([body.caption, body.media.fileName]);
    case 'location':
      return joinText([body.name, body.address]);
    case 'contactCard':
      return body.displayName;
    case 'poll':
      return joinText([body.question, ...body.options.map((o) => o.name)]);
    case 'deleted':
    case 'unsupported':
      return null;
    default:
      throw missingCaseError(body);
  }
}

const MEDIA_LABEL = {
  image: 'Photo',
  video: 'Video',
  audio: 'Audio',
  voice: 'Voice message',
  document: 'Document',
  sticker: 'Sticker',
} as const;
const PREVIEW_MAX = 512;

/** The chat list line for a message. */
export function previewText(body: MessageBody): string {
  switch (body.kind) {
    case 'text':
      return body.text.slice(0, PREVIEW_MAX);
    case 'media':
      return (body.caption || body.media.fileName || MEDIA_LABEL[body.media.kind]).slice(0, PREVIEW_MAX);
    case 'location':
      return (body.name ?? 'Location').slice(0, PREVIEW_MAX);
    case 'contactCard':
      return body.displayName.slice(0, PREVIEW_MAX);
    case 'poll':
      return body.question.slice(0, PREVIEW_MAX);
    case 'deleted':
      return 'This message was deleted';
    case 'unsupported':
      return 'Unsupported message';
    default:
      throw missingCaseError(body);
  }
}

function joinText(parts: readonly (string | null)[]): string | null {
  const text = parts.filter((p): p is string => p !== null && p !== '').join('\n');
  return text === '' ? null : text;
}
