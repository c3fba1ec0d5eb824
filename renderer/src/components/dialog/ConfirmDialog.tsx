import type { ReactNode } from 'react';
import { Dialog } from './Dialog.js';

type ConfirmDialogProps = {
  readonly title: string;
  readonly children?: ReactNode;
  readonly confirmLabel: string;
  readonly isDanger?: boolean;
  readonly isBusy?: boolean;
  readonly error?: string | null;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
  readonly testId?: string;
};

/** "Are you sure?" with a clear verb on the confirm button; Cancel gets the initial focus. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  isDanger = false,
  isBusy = false,
  error,
  onConfirm,
  onClose,
  testId,
}: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onClose} testId={testId} onSubmit={onConfirm}>
      {children}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-ghost" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button
          type="submit"
          className={`button ${isDanger ? 'button-danger' : 'button-primary'}`}
          disabled={isBusy}
          data-testid="confirm-button"
        >
          {isBusy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
