import { useUi } from '../../state/uiStore.js';
import { missingCaseError } from '../../util/missingCaseError.js';
import { MediaRecoveryDialog } from '../media/MediaRecoveryDialog.js';
import { LogoutDialog, RemoveAccountDialog } from './AccountRemovalDialogs.js';
import { DeleteMessageDialog } from './DeleteMessageDialog.js';
import { ForwardDialog } from './ForwardDialog.js';
import { HelpDialog } from './HelpDialog.js';
import { NewChatDialog } from './NewChatDialog.js';
import { SettingsView } from '../settings/SettingsView.js';
import { SyncPanelDialog } from './SyncPanelDialog.js';

/** The one open modal surface, chosen by `useUi().overlay`. */
export function Overlays() {
  const overlay = useUi((state) => state.overlay);
  const close = useUi((state) => state.closeOverlay);
  if (!overlay) return null;
  switch (overlay.kind) {
    case 'mediaRecovery':
      return <MediaRecoveryDialog initialAccountId={overlay.accountId} onClose={close} />;
    case 'syncPanel':
      return <SyncPanelDialog accountId={overlay.accountId} onClose={close} />;
    case 'newChat':
      return <NewChatDialog onClose={close} />;
    case 'help':
      return <HelpDialog onClose={close} />;
    case 'forward':
      return <ForwardDialog message={overlay.message} onClose={close} />;
    case 'deleteMessage':
      return <DeleteMessageDialog message={overlay.message} onClose={close} />;
    case 'logout':
      return <LogoutDialog accountId={overlay.accountId} onClose={close} />;
    case 'removeAccount':
      return <RemoveAccountDialog accountId={overlay.accountId} onClose={close} />;
    case 'settings':
      return <SettingsView onClose={close} />;
    default:
      throw missingCaseError(overlay);
  }
}
