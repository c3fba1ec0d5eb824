import { Dialog } from '../dialog/Dialog.js';
import { SHORTCUTS } from './shortcuts.js';

/** "?" — the keyboard shortcuts. */
export function HelpDialog({ onClose }: { readonly onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} size="md" testId="help-dialog">
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.what}>
              <td>
                {shortcut.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && ' '}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{shortcut.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">On macOS use ⌘ instead of Ctrl and ⌥ instead of Alt.</p>
    </Dialog>
  );
}
