import type { AccountId, ConnectionState } from '../../../shared/src/index.js';
import { formatPhoneNumber } from '../names/bestName.js';
import { type AccountSummary, useSession } from '../state/sessionStore.js';
import { describeConnection } from './connectionWords.js';

/** What the user calls an account: its label, else its number. */
export function accountName(account: AccountSummary): string {
  return account.label || (account.phoneNumber ? formatPhoneNumber(account.phoneNumber) : 'Account');
}

const LAST_STATE_WORDS: Readonly<Record<ConnectionState['kind'], string>> = {
  open: 'was connected',
  connecting: 'was connecting',
  qr: 'was waiting to be linked',
  closed: 'was disconnected',
  idle: 'was not running',
};

/** How an account is described while main is unreachable: nothing live, only what it last was. */
export function offlineWords(lastKind: ConnectionState['kind'] | undefined): string {
  return lastKind ? `Not connected to the app; ${LAST_STATE_WORDS[lastKind]}` : 'Not connected to the app';
}

/**
 * The line under the chat list's title: which number this account is and whether it is connected,
 * or, in the unified inbox, how many accounts it gathers. Without main, nothing live is claimed.
 */
export function AccountSubtitle({ filter }: { readonly filter: AccountId | 'all' }) {
  const accounts = useSession((state) => state.accounts);
  const connection = useSession((state) => (filter === 'all' ? undefined : state.connections[filter]));
  const isLive = useSession((state) => state.isAccountListLive && state.bridgeStatus === 'open');
  const text = subtitleOf(filter, accounts, isLive ? describeConnection(connection).title : 'Not connected to the app');
  if (!text) return null;
  return (
    <p className="pane-subtitle" data-testid="account-subtitle">
      {text}
    </p>
  );
}

function subtitleOf(filter: AccountId | 'all', accounts: readonly AccountSummary[], state: string): string | null {
  if (filter === 'all') return accounts.length > 1 ? `${accounts.length} accounts` : null;
  const account = accounts.find((candidate) => candidate.id === filter);
  if (!account) return null;
  const number = account.phoneNumber ? formatPhoneNumber(account.phoneNumber) : null;
  return number && account.label ? `${number} · ${state}` : state;
}
