import type { AccountId, ConnectionState } from '../../../shared/src/index.js';
import { QrCanvas } from './QrCanvas.js';
import { QrCountdown } from './QrCountdown.js';

type QrState = Extract<ConnectionState, { kind: 'qr' }>;

export function QrPairing({
  accountId,
  state,
  label,
  onUsePhone,
}: {
  readonly accountId: AccountId;
  readonly state: QrState;
  readonly label: string;
  /** Switches to linking by phone number (a code typed on the phone instead of a scan). */
  readonly onUsePhone: () => void;
}) {
  return (
    <div className="pairing">
      <div className="pairing-steps">
        <h2>Link “{label}” to WhatsApp</h2>
        <ol>
          <li>
            Open <strong>WhatsApp</strong> on your phone
          </li>
          <li>
            Tap <strong>Menu ⋮</strong> on Android, or <strong>Settings</strong> on iPhone
          </li>
          <li>
            Tap <strong>Linked devices</strong>, then <strong>Link a device</strong>
          </li>
          <li>Point your phone at this screen to scan the code</li>
        </ol>
        <p className="muted pairing-note">
          Your phone needs to stay online for the first sync. History arrives in a few chunks and can take a few
          minutes.
        </p>
        <p className="pairing-switch">
          <button type="button" className="link-button" onClick={onUsePhone} data-testid="pairing-phone-link">
            Link with phone number instead
          </button>
        </p>
      </div>
      <div className="pairing-qr">
        <QrCountdown accountId={accountId} expiresAt={state.expiresAt}>
          <QrCanvas value={state.qr} label={`Pairing code for ${label}`} />
        </QrCountdown>
      </div>
    </div>
  );
}
