import { useState } from 'react';
import type { AccountId, ConnectionState } from '../../../shared/src/index.js';
import { useSession } from '../state/sessionStore.js';
import { ConnectionActionButton } from './ConnectionActionButton.js';
import { describeConnection } from './connectionWords.js';
import { Icon } from './Icon.js';
import { PhonePairing } from './pairing/PhonePairing.js';
import { QrPairing } from './QrPairing.js';
import { useNow } from './useNow.js';

/** Everything an account that is not connected shows: the QR while pairing, else what happened and what to do. */
export function PairingView({ accountId }: { readonly accountId: AccountId }) {
  const state = useSession((s) => s.connections[accountId]);
  const label = useSession((s) => s.accounts.find((account) => account.id === accountId)?.label ?? 'this account');
  const [isPhoneMode, setIsPhoneMode] = useState(false);
  const [phone, setPhone] = useState('');
  // The phone flow stays up while its code may still be typed, and after the QR window ended (to say so).
  const showsPhone =
    isPhoneMode && (state?.kind === 'qr' || (state?.kind === 'closed' && state.reason === 'qrExpired'));
  return (
    <main className="main-pane pairing-pane" data-testid="pairing-view">
      {showsPhone ? (
        <PhonePairing
          accountId={accountId}
          state={state}
          label={label}
          phone={phone}
          onPhoneChange={setPhone}
          onBack={() => setIsPhoneMode(false)}
        />
      ) : state?.kind === 'qr' ? (
        <QrPairing accountId={accountId} state={state} label={label} onUsePhone={() => setIsPhoneMode(true)} />
      ) : (
        <ConnectionCard accountId={accountId} state={state} label={label} />
      )}
    </main>
  );
}

function ConnectionCard({
  accountId,
  state,
  label,
}: {
  readonly accountId: AccountId;
  readonly state: ConnectionState | undefined;
  readonly label: string;
}) {
  const now = useNow(1000);
  const words = describeConnection(state, now);
  const isBusy = words.tone === 'busy';
  return (
    <div
      className={`connection-card tone-${words.tone}`}
      role="status"
      data-testid="connection-card"
      data-state={state?.kind === 'closed' ? state.reason : (state?.kind ?? 'unknown')}
    >
      <div className="connection-card-icon">
        {isBusy ? (
          <span className="spinner" aria-hidden="true" />
        ) : (
          <Icon name={words.tone === 'error' ? 'alert' : 'phone'} size={40} />
        )}
      </div>
      <p className="connection-card-account">{label}</p>
      <h2>{words.title}</h2>
      {words.detail && <p className="muted">{words.detail}</p>}
      <ConnectionActionButton accountId={accountId} words={words} isLarge />
    </div>
  );
}
