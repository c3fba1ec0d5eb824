import type { Message } from '../../../../shared/src/index.js';

/** WhatsApp accepts edits of own text messages for 15 minutes after sending. */
export const EDIT_WINDOW_MS = 15 * 60_000;
/** "Delete for everyone" is accepted for about two and a half days after sending. */
export const DELETE_FOR_EVERYONE_WINDOW_MS = 60 * 3_600_000;

export type MessageAction =
  'reply' | 'react' | 'copy' | 'edit' | 'forward' | 'deleteForEveryone' | 'retrySend' | 'mediaRecovery';

/** The text "Copy" puts on the clipboard: the text, or a media caption; null when there is none. */
export function copyableText(message: Message): string | null {
  if (message.body.kind === 'text') return message.body.text;
  if (message.body.kind === 'media') return message.body.caption;
  return null;
}

/** What the user may do with a message right now, in menu order. */
export function messageActionsFor(message: Message, now: number): MessageAction[] {
  const body = message.body;
  if (body.kind === 'deleted') return [];
  const isSettled = message.status !== 'pending' && message.status !== 'failed';
  const age = now - message.timestamp;
  const actions: MessageAction[] = [];
  if (message.status === 'failed') actions.push('retrySend');
  if (isSettled) actions.push('reply', 'react');
  if (copyableText(message)) actions.push('copy');
  if (message.isFromMe && isSettled && body.kind === 'text' && age < EDIT_WINDOW_MS) actions.push('edit');
  if (isSettled && body.kind !== 'unsupported' && body.kind !== 'poll') actions.push('forward');
  if (body.kind === 'media' && body.media.state.status === 'failed') actions.push('mediaRecovery');
  if (message.isFromMe && isSettled && age < DELETE_FOR_EVERYONE_WINDOW_MS) actions.push('deleteForEveryone');
  return actions;
}
