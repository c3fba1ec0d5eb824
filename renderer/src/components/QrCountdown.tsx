import type { ReactNode } from 'react';
import { useState } from 'react';
import type { AccountId } from '../../../shared/src/index.js';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import { formatDuration } from '../format/time.js';
import { Icon } from './Icon.js';
import { useNow } from './useNow.js';

/** Countdown under the code; once it runs out, covers it and offers a new one (`accounts.relink`). */
export function QrCountdown({
  accountId,
  expiresAt,
  children,
}: {
  readonly accountId: AccountId;
  readonly expiresAt: number;
  readonly children: ReactNode;
}) {
  const now = useNow(500);
  const [requestedFor, setRequestedFor] = useState<number | null>(null);
  const secondsLeft = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  const isExpired = secondsLeft === 0;
  const isRequesting = requestedFor === expiresAt;
  const refresh = () => {
    setRequestedFor(expiresAt);
    drop(call('accounts.relink', { accountId }));
  };
  return (
    <>
      <div className={`qr-frame${isExpired ? ' is-expired' : ''}`}>
        {children}
        {isExpired && (
          <div className="qr-expired" data-testid="qr-expired">
            <p>Code expired</p>
            <button type="button" className="button button-primary" onClick={refresh} disabled={isRequesting}>
              <Icon name="history" size={18} /> {isRequesting ? 'Getting a new code…' : 'Get a new code'}
            </button>
          </div>
        )}
      </div>
      <p className="qr-countdown muted" aria-live="polite" data-testid="qr-countdown">
        {isExpired ? 'Code expired — get a new code' : `New code in ${formatDuration(secondsLeft)}`}
      </p>
    </>
  );
}
