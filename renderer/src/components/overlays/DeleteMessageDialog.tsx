import { useState } from 'react';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import type { MessageRef } from '../../state/uiStore.js';
import { ConfirmDialog } from '../dialog/ConfirmDialog.js';

/** "Delete for everyone" after a confirm; the bubble turns into "You deleted this message" via events. */
export function DeleteMessageDialog({
  message,
  onClose,
}: {
  readonly message: MessageRef;
  readonly onClose: () => void;
}) {
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    setBusy(true);
    drop(
      call('messages.deleteForEveryone', message).then((result) => {
        setBusy(false);
        if (result.ok) onClose();
        else setError(`The message could not be deleted: ${result.error.message}`);
      }),
    );
  };
  return (
    <ConfirmDialog
      title="Delete for everyone?"
      confirmLabel="Delete for everyone"
      isDanger
      isBusy={isBusy}
      error={error}
      onConfirm={confirm}
      onClose={onClose}
      testId="delete-dialog"
    >
      <p className="muted">
        The message is removed for everyone in this chat. People may already have seen it, and it stays on phones that
        are not updated.
      </p>
    </ConfirmDialog>
  );
}
