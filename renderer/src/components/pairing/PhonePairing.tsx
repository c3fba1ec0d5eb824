import type { FormEvent } from 'react';
import { useState } from 'react';
import type { AccountId, ConnectionState, PairingCodeIssued } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { formatDuration } from '../../format/time.js';
import { Icon } from '../Icon.js';
import { useNow } from '../useNow.js';
import { formatAsTyped, formatPairingCode, parsePairingPhone } from './pairingPhone.js';

type Props = {
  readonly accountId: AccountId;
  readonly state: ConnectionState;
  readonly label: string;
  /** The number typed so far, kept by the parent so a new socket does not clear it. */
  readonly phone: string;
  readonly onPhoneChange: (phone: string) => void;
  readonly onBack: () => void;
};

/**
 * "Link with phone number instead": the user gives the phone's number, the app shows the
 * 8-character code WhatsApp issued, and the user types it on the phone. The code lives only as
 * long as the socket that asked for it, so it is shown expired once the QR window ends.
 */
export function PhonePairing({ accountId, state, label, phone, onPhoneChange, onBack }: Props) {
  const [issued, setIssued] = useState<PairingCodeIssued | null>(null);
  const isWaiting = state.kind === 'qr';
  return (
    <div className={`pairing pairing-phone${issued === null ? '' : ' has-code'}`} data-testid="pairing-phone">
      <div className="pairing-steps">
        <h2>Link “{label}” with a phone number</h2>
        {issued === null ? (
          <PhoneForm
            accountId={accountId}
            isWaiting={isWaiting}
            phone={phone}
            onPhoneChange={onPhoneChange}
            onIssued={setIssued}
          />
        ) : (
          <CodeSteps />
        )}
        <p className="pairing-switch">
          <button type="button" className="link-button" onClick={onBack} data-testid="pairing-back-to-qr">
            Back to QR code
          </button>
        </p>
      </div>
      {issued !== null && (
        <CodePanel
          accountId={accountId}
          issued={issued}
          isSocketAlive={isWaiting}
          phone={parsePairingPhone(phone)}
          onNewCode={() => setIssued(null)}
        />
      )}
    </div>
  );
}

function PhoneForm({
  accountId,
  isWaiting,
  phone,
  onPhoneChange,
  onIssued,
}: {
  readonly accountId: AccountId;
  readonly isWaiting: boolean;
  readonly phone: string;
  readonly onPhoneChange: (phone: string) => void;
  readonly onIssued: (issued: PairingCodeIssued) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const parsed = parsePairingPhone(phone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (parsed.kind !== 'ok') {
      setError(parsed.kind === 'invalid' ? parsed.reason : 'Enter the phone number first.');
      return;
    }
    setIsBusy(true);
    setError(null);
    drop(
      call('accounts.requestPairingCode', { accountId, phoneNumber: parsed.digits }).then((result) => {
        setIsBusy(false);
        if (result.ok) onIssued(result.value);
        else setError(explainRefusal(result.error.code, result.error.message));
      }),
    );
  };
  return (
    <form className="pairing-phone-form" onSubmit={submit} noValidate>
      <label htmlFor="pairing-phone-input">Phone number of the WhatsApp account</label>
      <p className="muted">With the country code. WhatsApp sends a notification to that phone.</p>
      <input
        id="pairing-phone-input"
        className="text-input pairing-phone-input"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        placeholder="+1 555 000 1000"
        value={phone}
        onChange={(e) => {
          setError(null);
          onPhoneChange(formatAsTyped(e.target.value));
        }}
        aria-invalid={error !== null}
        aria-describedby="pairing-phone-error"
        data-testid="pairing-phone-input"
        autoFocus
      />
      <p id="pairing-phone-error" className="error-text pairing-phone-error" role="alert">
        {error ?? ''}
      </p>
      {isWaiting ? (
        <button
          type="submit"
          className="button button-primary button-large"
          disabled={isBusy}
          data-testid="pairing-phone-submit"
        >
          {isBusy ? 'Getting a code…' : 'Get code'}
        </button>
      ) : (
        // The linking window of this connection ended before a code was asked for: open a new one.
        <button
          type="button"
          className="button button-primary button-large"
          onClick={() => drop(call('accounts.relink', { accountId }))}
        >
          Start again
        </button>
      )}
    </form>
  );
}

function explainRefusal(code: string, message: string): string {
  if (code === 'INVALID_INPUT') return 'Enter the full number with its country code, e.g. +1 555 000 1000.';
  if (code === 'CONFLICT') return 'This account is not waiting to be linked any more. Go back and get a new QR code.';
  if (code === 'NOT_CONNECTED' || code === 'ACCOUNT_LOCKED') return 'The account is offline. Try again in a moment.';
  return `WhatsApp did not issue a code (${message}).`;
}

function CodeSteps() {
  return (
    <ol>
      <li>
        Open <strong>WhatsApp</strong> on that phone and tap the notification, or go to <strong>Linked devices</strong>
      </li>
      <li>
        Tap <strong>Link a device</strong>, then <strong>Link with phone number instead</strong>
      </li>
      <li>Enter the code shown here</li>
    </ol>
  );
}

function CodePanel({
  accountId,
  issued,
  isSocketAlive,
  phone,
  onNewCode,
}: {
  readonly accountId: AccountId;
  readonly issued: PairingCodeIssued;
  readonly isSocketAlive: boolean;
  readonly phone: ReturnType<typeof parsePairingPhone>;
  readonly onNewCode: () => void;
}) {
  const now = useNow(500);
  const secondsLeft = Math.max(0, Math.ceil((issued.expiresAt - now) / 1000));
  const isExpired = secondsLeft === 0 || !isSocketAlive;
  const getNew = () => {
    // The old socket's window is over: a fresh one (new QR refs) is needed before a new code.
    if (!isSocketAlive) drop(call('accounts.relink', { accountId }));
    onNewCode();
  };
  return (
    <div className="pairing-code-panel">
      {phone.kind === 'ok' && <p className="muted">Code for {phone.formatted}</p>}
      <output
        className={`pairing-code${isExpired ? ' is-expired' : ''}`}
        aria-label={`Pairing code ${issued.code.split('').join(' ')}`}
        data-testid="pairing-code"
        data-code={issued.code}
      >
        {formatPairingCode(issued.code)
          .split('')
          .map((ch, i) =>
            ch === '-' ? (
              <span key={i} className="pairing-code-dash" aria-hidden="true">
                -
              </span>
            ) : (
              <span key={i} className="pairing-code-char">
                {ch}
              </span>
            ),
          )}
      </output>
      <p className="qr-countdown muted" aria-live="polite" data-testid="pairing-code-countdown">
        {isExpired ? 'This code expired' : `Code expires in ${formatDuration(secondsLeft)}`}
      </p>
      {isExpired ? (
        <button type="button" className="button button-primary" onClick={getNew}>
          <Icon name="refresh" size={18} /> Get a new code
        </button>
      ) : (
        <button type="button" className="button button-ghost button-small" onClick={onNewCode}>
          Use a different number
        </button>
      )}
    </div>
  );
}
