import type { Message } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { useSession } from '../../state/sessionStore.js';
import { useUi } from '../../state/uiStore.js';
import { messageSummary } from '../messageSummary.js';
import { copyableText } from './messageActions.js';
import { ownReactionOf } from './ownReaction.js';

export type MessageCommands = {
  readonly react: (emoji: string) => void;
  readonly reply: () => void;
  readonly copy: () => void;
  readonly edit: () => void;
  readonly forward: () => void;
  readonly deleteForEveryone: () => void;
  readonly retrySend: () => void;
  readonly openMediaRecovery: () => void;
  /** The emoji this account reacted with, if any (picking it again removes the reaction). */
  readonly ownEmoji: string | null;
};

/** Every action on one message, as the hover bar, the context menu and the keyboard trigger them. */
export function useMessageCommands(message: Message, senderLabel: string): MessageCommands {
  const ui = useUi.getState;
  const pushNotice = useSession((state) => state.pushNotice);
  const ownPhone = useSession(
    (state) => state.accounts.find((account) => account.id === message.accountId)?.phoneNumber ?? null,
  );
  const ref = { accountId: message.accountId, chatId: message.chatId, messageId: message.id };
  const ownEmoji = ownReactionOf(message.reactions, ownPhone)?.emoji ?? null;
  const report = (what: string) => (result: { ok: boolean; error?: { message: string } }) => {
    if (!result.ok) pushNotice(`${what}: ${result.error?.message ?? 'unknown error'}`);
  };
  return {
    ownEmoji,
    react: (emoji) =>
      drop(
        call('messages.react', { ...ref, emoji: emoji === ownEmoji ? '' : emoji }).then(
          report('The reaction could not be sent'),
        ),
      ),
    reply: () => ui().setReplyTo({ ...ref, senderLabel, preview: messageSummary(message) }),
    copy: () => {
      const text = copyableText(message);
      if (text !== null) drop(navigator.clipboard.writeText(text));
    },
    edit: () => {
      if (message.body.kind === 'text') ui().setEditing({ ...ref, text: message.body.text });
    },
    forward: () => ui().openOverlay({ kind: 'forward', message: ref }),
    deleteForEveryone: () => ui().openOverlay({ kind: 'deleteMessage', message: ref }),
    retrySend: () => drop(call('messages.retrySend', ref).then(report('The message could not be re-sent'))),
    openMediaRecovery: () => ui().openOverlay({ kind: 'mediaRecovery', accountId: message.accountId }),
  };
}
