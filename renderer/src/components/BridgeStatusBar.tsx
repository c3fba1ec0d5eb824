import { useSession } from '../state/sessionStore.js';

/** Shown only while the link to the app's main process is down (browser mode). */
export function BridgeStatusBar() {
  const status = useSession((state) => state.bridgeStatus);
  if (status === 'open') return null;
  return (
    <div className="bridge-status" role="status" data-testid="bridge-status">
      <span className="spinner spinner-sm" aria-hidden="true" />
      {status === 'connecting' ? 'Connecting to the app…' : 'Reconnecting to the app…'}
    </div>
  );
}
