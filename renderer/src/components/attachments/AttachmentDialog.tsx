import { useEffect, useState } from 'react';
// Direct import: the index would pull in zod and every schema, which the renderer never evaluates.
import { MAX_TEXT_LENGTH } from '../../../../shared/src/contract/limits.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { formatBytes } from '../../format/time.js';
import type { ChatRef } from '../../state/uiStore.js';
import { Dialog } from '../dialog/Dialog.js';
import { Icon } from '../Icon.js';
import { attachmentKindOf, attachmentProblem, readFileAsBase64 } from './attachmentFile.js';

/**
 * Preview + caption for one picked, dropped or pasted file. Sending reads the file here and hands
 * the bytes to main; the pending bubble then arrives as `messages.upserted`, like a text send.
 */
export function AttachmentDialog({
  file,
  chatRef,
  title,
  onClose,
}: {
  readonly file: File;
  readonly chatRef: ChatRef;
  readonly title: string;
  readonly onClose: () => void;
}) {
  const [caption, setCaption] = useState('');
  const [isSending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = attachmentKindOf(file.type);
  const problem = attachmentProblem(file);
  const previewUrl = usePreviewUrl(kind === 'image' ? file : null);

  const send = () => {
    if (problem || isSending) return;
    setSending(true);
    setError(null);
    drop(
      readFileAsBase64(file)
        .then((dataBase64) =>
          call('messages.sendAttachment', {
            ...chatRef,
            kind,
            fileName: file.name.slice(0, 255) || 'file',
            mimeType: file.type || 'application/octet-stream',
            dataBase64,
            caption: caption.trim() || null,
          }),
        )
        .then((result) => {
          setSending(false);
          if (result.ok) onClose();
          else setError(`The file could not be sent: ${result.error.message}`);
        })
        .catch((err: unknown) => {
          setSending(false);
          setError(`The file could not be read: ${err instanceof Error ? err.message : String(err)}`);
        }),
    );
  };

  return (
    <Dialog
      title={kind === 'image' ? 'Send photo' : 'Send document'}
      description={`To ${title}`}
      onClose={onClose}
      onSubmit={send}
      size="md"
      testId="attachment-dialog"
    >
      <div className="attachment-preview">
        {previewUrl ? (
          <img src={previewUrl} alt={`Preview of ${file.name}`} />
        ) : (
          <div className="attachment-document">
            <Icon name={kind === 'image' ? 'image' : 'document'} size={40} />
            <strong>{file.name}</strong>
            <span className="muted">
              {(file.type || 'Unknown type').toUpperCase()} · {formatBytes(file.size)}
            </span>
          </div>
        )}
      </div>
      {problem ? (
        <p className="error-text" role="alert" data-testid="attachment-error">
          {problem}
        </p>
      ) : (
        <input
          className="text-input"
          value={caption}
          maxLength={MAX_TEXT_LENGTH}
          placeholder="Add a caption"
          aria-label="Caption"
          onChange={(event) => setCaption(event.target.value)}
          data-autofocus
          data-testid="attachment-caption"
        />
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-ghost" onClick={onClose}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={problem !== null || isSending}
          data-testid="attachment-send"
        >
          <Icon name="send" size={18} />
          {isSending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </Dialog>
  );
}

/** An object URL for an image preview, revoked when the file changes or the dialog closes. */
function usePreviewUrl(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return undefined;
    const next = URL.createObjectURL(file);
    // An object URL is an external resource with a lifetime: created and revoked with the effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [file]);
  return file ? url : null;
}
