import type { AccountId } from '../../../shared/src/index.js';
import { useSession } from '../state/sessionStore.js';
import { useUi } from '../state/uiStore.js';
import { ConnectionActionButton } from './ConnectionActionButton.js';
import { describeConnection } from './connectionWords.js';
import { Icon } from './Icon.js';
import { useNow } from './useNow.js';

/** A non-open connection above the chat list: cached chats stay readable underneath. */
export function ConnectionBanner({
  accountId,
  isCompact,
}: {
  readonly accountId: AccountId;
  readonly isCompact: boolean;
}) {
  const state = useSession((s) => s.connections[accountId]);
  const label = useSession((s) => s.accounts.find((account) => account.id === accountId)?.label ?? '');
  const selectAccount = useUi((s) => s.selectAccount);
  const now = useNow(1000);
  if (!state || state.kind === 'open') return null;
  const words = describeConnection(state, now);
  if (isCompact) {
    return (
      <button
        type="button"
        className={`conn-banner conn-banner-compact tone-${words.tone}`}
        onClick={() => selectAccount(accountId)}
        data-testid="connection-banner"
      >
        <Icon name={state.kind === 'qr' ? 'phone' : 'wifiOff'} size={18} />
        <span>
          <strong>{label}</strong> · {words.title}
        </span>
      </button>
    );
  }
  return (
    <div className={`conn-banner tone-${words.tone}`} role="status" data-testid="connection-banner">
      <Icon name={words.tone === 'busy' ? 'history' : 'wifiOff'} size={22} />
      <div className="conn-banner-text">
        <strong>{words.title}</strong>
        {words.detail && <span>{words.detail}</span>}
      </div>
      <ConnectionActionButton accountId={accountId} words={words} />
    </div>
  );
}
