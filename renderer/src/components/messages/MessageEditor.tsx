import { type KeyboardEvent, useLayoutEffect, useRef, useState } from 'react';
// Direct import: the index would pull in zod and every schema, which the renderer never evaluates.
import { MAX_TEXT_LENGTH } from '../../../../shared/src/contract/limits.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { useSession } from '../../state/sessionStore.js';
import { type EditTarget, useUi } from '../../state/uiStore.js';
import { Icon } from '../Icon.js';
import { useAutoHeight } from '../useAutoHeight.js';

/** The composer while editing one of your text messages: Enter saves, Esc cancels. */
export function MessageEditor({ target }: { readonly target: EditTarget }) {
  const [text, setText] = useState(target.text);
  const [isSaving, setSaving] = useState(false);
  const setEditing = useUi((state) => state.setEditing);
  const pushNotice = useSession((state) => state.pushNotice);
  const input = useRef<HTMLTextAreaElement>(null);
  useAutoHeight(input, text);
  useLayoutEffect(() => {
    const element = input.current;
    element?.focus();
    element?.setSelectionRange(element.value.length, element.value.length);
  }, []);

  const trimmed = text.trim();
  const isUnchanged = trimmed === target.text.trim();
  const save = () => {
    if (!trimmed || isSaving) return;
    if (isUnchanged) return setEditing(null);
    setSaving(true);
    const { accountId, chatId, messageId } = target;
    drop(
      call('messages.edit', { accountId, chatId, messageId, text: trimmed }).then((result) => {
        setSaving(false);
        if (!result.ok) return pushNotice(`The message could not be edited: ${result.error.message}`);
        setEditing(null);
      }),
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setEditing(null);
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      save();
    }
  };

  return (
    <footer className="composer is-editing" data-testid="composer">
      <div className="reply-chip edit-chip" data-testid="edit-chip">
        <Icon name="edit" size={18} />
        <div className="reply-chip-body">
          <span className="quoted-sender">Editing message</span>
          <span className="quoted-text">{target.text}</span>
        </div>
        <button type="button" className="icon-button" aria-label="Cancel editing" onClick={() => setEditing(null)}>
          <Icon name="close" size={18} />
        </button>
      </div>
      <div className="composer-row">
        <textarea
          ref={input}
          className="composer-input"
          rows={1}
          value={text}
          maxLength={MAX_TEXT_LENGTH}
          aria-label="Edit message"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          data-testid="composer-input"
        />
        <button
          type="button"
          className="send-button"
          aria-label="Save edit"
          disabled={!trimmed || isSaving}
          onClick={save}
          data-testid="edit-save"
        >
          <Icon name="check" size={22} />
        </button>
      </div>
    </footer>
  );
}
