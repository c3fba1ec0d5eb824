import type { ReactNode } from 'react';
import { useState } from 'react';
import { useUnreadByAccount } from '../features/useUnreadByAccount.js';
import { formatPhoneNumber } from '../names/bestName.js';
import { useSession } from '../state/sessionStore.js';
import { useUi } from '../state/uiStore.js';
import { AddAccountDialog } from './AddAccountDialog.js';
import { Avatar } from './Avatar.js';
import { describeConnection } from './connectionWords.js';
import { Icon } from './Icon.js';
import { ThemeToggle } from './ThemeToggle.js';

/** Left rail: unified inbox, one button per account (with connection dot and unread badge), add. */
export function AccountRail() {
  const accounts = useSession((state) => state.accounts);
  const connections = useSession((state) => state.connections);
  const filter = useUi((state) => state.accountFilter);
  const selectAccount = useUi((state) => state.selectAccount);
  const unread = useUnreadByAccount();
  const [isAdding, setAdding] = useState(false);
  const totalUnread = [...unread.values()].reduce((sum, n) => sum + n, 0);

  return (
    <nav className="rail" aria-label="Accounts">
      <RailButton
        label="All accounts"
        isActive={filter === 'all'}
        badge={totalUnread}
        onClick={() => selectAccount('all')}
        testId="account-all"
      >
        <span className="rail-all">
          <Icon name="chats" size={22} />
        </span>
      </RailButton>
      <div className="rail-divider" />
      {accounts.map((account) => {
        const words = describeConnection(connections[account.id]);
        const name = account.label || (account.phoneNumber ? formatPhoneNumber(account.phoneNumber) : 'Account');
        return (
          <RailButton
            key={account.id}
            label={`${name} — ${words.title}`}
            isActive={filter === account.id}
            badge={unread.get(account.id) ?? 0}
            onClick={() => selectAccount(account.id)}
            testId={`account-${account.id}`}
          >
            <Avatar id={account.id} name={name} />
            <span className={`rail-dot tone-${words.tone}`} aria-hidden="true" />
          </RailButton>
        );
      })}
      <RailButton label="Add account" isActive={false} badge={0} onClick={() => setAdding(true)} testId="account-add">
        <span className="rail-add">
          <Icon name="plus" size={22} />
        </span>
      </RailButton>
      <div className="rail-spacer" />
      <ThemeToggle />
      {isAdding && <AddAccountDialog onClose={() => setAdding(false)} />}
    </nav>
  );
}

type RailButtonProps = {
  readonly label: string;
  readonly isActive: boolean;
  readonly badge: number;
  readonly onClick: () => void;
  readonly testId: string;
  readonly children: ReactNode;
};

function RailButton({ label, isActive, badge, onClick, testId, children }: RailButtonProps) {
  return (
    <button
      type="button"
      className={`rail-button${isActive ? ' is-active' : ''}`}
      aria-label={label}
      aria-pressed={isActive}
      title={label}
      onClick={onClick}
      data-testid={testId}
    >
      {children}
      {badge > 0 && <span className="rail-badge">{badge > 99 ? '99+' : badge}</span>}
    </button>
  );
}
