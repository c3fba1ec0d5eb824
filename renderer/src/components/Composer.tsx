import { type ClipboardEvent, type KeyboardEvent, useLayoutEffect, useRef, useState } from 'react';
// Direct import: the index would pull in zod and every schema, which the renderer never evaluates.
import { MAX_TEXT_LENGTH } from '../../../shared/src/contract/limits.js';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import { useSession } from '../state/sessionStore.js';
import { type ChatRef, chatKey, useUi } from '../state/uiStore.js';
import { AttachButton } from './attachments/AttachButton.js';
import { pastedFileName } from './attachments/attachmentFile.js';
import { Icon } from './Icon.js';
import { MessageEditor } from './messages/MessageEditor.js';
import { useAutoHeight } from './useAutoHeight.js';

type ComposerProps = {
  readonly chatRef: ChatRef;
  readonly title: string;
  /** A file was picked or pasted: the conversation opens the attachment preview. */
  readonly onFile: (file: File) => void;
};

/**
 * Enter sends, Shift+Enter adds a line. The draft is persisted per chat; a reply chip quotes a
 * message; while editing one of your messages the composer becomes its editor.
 */
export function Composer(props: ComposerProps) {
  const editing = useUi((state) => state.editing);
  if (editing && chatKey(editing) === chatKey(props.chatRef))
    return <MessageEditor key={editing.messageId} target={editing} />;
  return <DraftComposer {...props} />;
}

function DraftComposer({ chatRef, title, onFile }: ComposerProps) {
  const key = chatKey(chatRef);
  const draft = useUi((state) => state.drafts[key] ?? '');
  const setDraft = useUi((state) => state.setDraft);
  const replyTo = useUi((state) => state.replyTo);
  const setReplyTo = useUi((state) => state.setReplyTo);
  const pushNotice = useSession((state) => state.pushNotice);
  const [isSending, setSending] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const reply = replyTo && chatKey(replyTo) === key ? replyTo : null;
  useAutoHeight(input, draft);

  useLayoutEffect(() => {
    if (reply) input.current?.focus();
  }, [reply]);

  const send = () => {
    const text = draft.trim();
    if (!text || isSending) return;
    setSending(true);
    drop(
      call('messages.sendText', { ...chatRef, text, quotedId: reply?.messageId ?? null }).then((result) => {
        setSending(false);
        if (!result.ok) {
          pushNotice(`Your message could not be sent: ${result.error.message}`);
          return;
        }
        setDraft(chatRef, '');
        setReplyTo(null);
        input.current?.focus();
      }),
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  // Pasting an image (a screenshot, a copied photo) attaches it; pasting text stays text.
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const item = [...event.clipboardData.items].find(
      (entry) => entry.kind === 'file' && entry.type.startsWith('image/'),
    );
    const blob = item?.getAsFile();
    if (!item || !blob) return;
    event.preventDefault();
    const name = blob.name && blob.name !== 'image.png' ? blob.name : pastedFileName(blob.type, new Date());
    onFile(new File([blob], name, { type: blob.type }));
  };

  return (
    <footer className="composer" data-testid="composer">
      {reply && (
        <div className="reply-chip" data-testid="reply-chip">
          <div className="reply-chip-body">
            <span className="quoted-sender">Replying to {reply.senderLabel}</span>
            <span className="quoted-text">{reply.preview}</span>
          </div>
          <button type="button" className="icon-button" aria-label="Cancel reply" onClick={() => setReplyTo(null)}>
            <Icon name="close" size={18} />
          </button>
        </div>
      )}
      <div className="composer-row">
        <AttachButton onFile={onFile} />
        <textarea
          ref={input}
          className="composer-input"
          rows={1}
          value={draft}
          maxLength={MAX_TEXT_LENGTH}
          placeholder="Type a message"
          aria-label={`Message ${title}`}
          onChange={(event) => setDraft(chatRef, event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          data-testid="composer-input"
        />
        <button
          type="button"
          className="send-button"
          aria-label="Send"
          disabled={!draft.trim() || isSending}
          onClick={send}
          data-testid="composer-send"
        >
          <Icon name="send" size={22} />
        </button>
      </div>
    </footer>
  );
}
