import { useState } from 'react';
import type { AccountId } from '../../../shared/src/index.js';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import { useSession } from '../state/sessionStore.js';
import type { ConnectionWords } from './connectionWords.js';

/** Re-pair (`accounts.relink`) or take over (`accounts.takeOver`), whichever the state calls for. */
export function ConnectionActionButton({
  accountId,
  words,
  isLarge = false,
}: {
  readonly accountId: AccountId;
  readonly words: ConnectionWords;
  readonly isLarge?: boolean;
}) {
  const [isBusy, setBusy] = useState(false);
  const pushNotice = useSession((state) => state.pushNotice);
  if (!words.action) return null;
  const action = words.action;
  const run = () => {
    setBusy(true);
    const command =
      action === 'relink' ? call('accounts.relink', { accountId }) : call('accounts.takeOver', { accountId });
    drop(
      command.then((result) => {
        setBusy(false);
        if (!result.ok) pushNotice(result.error.message);
      }),
    );
  };
  return (
    <button
      type="button"
      className={`button button-primary${isLarge ? ' button-large' : ''}`}
      disabled={isBusy}
      onClick={run}
      data-testid={`connection-action-${action}`}
    >
      {words.actionLabel}
    </button>
  );
}
