import type { MouseEvent, ReactNode } from 'react';
import { useState } from 'react';
import type { AccountId } from '../../../shared/src/index.js';
import { useUnreadByAccount } from '../features/useUnreadByAccount.js';
import { useSession } from '../state/sessionStore.js';
import { useUi } from '../state/uiStore.js';
import { accountName, offlineWords } from './AccountHeading.js';
import { AccountMenu } from './AccountMenu.js';
import { AddAccountDialog } from './AddAccountDialog.js';
import { Avatar } from './Avatar.js';
import { describeConnection } from './connectionWords.js';
import { Icon } from './Icon.js';
import { ThemeToggle } from './ThemeToggle.js';

/** Left rail: unified inbox, one button per account (with connection dot and unread badge), add. */
export function AccountRail() {
  const accounts = useSession((state) => state.accounts);
  const connections = useSession((state) => state.connections);
  const lastConnections = useSession((state) => state.lastConnections);
  // Without main (bridge down, or only the cached list so far) no connection state is known.
  const isLive = useSession((state) => state.isAccountListLive && state.bridgeStatus === 'open');
  const filter = useUi((state) => state.accountFilter);
  const selectAccount = useUi((state) => state.selectAccount);
  const unread = useUnreadByAccount();
  const openOverlay = useUi((state) => state.openOverlay);
  const [isAdding, setAdding] = useState(false);
  const [menu, setMenu] = useState<{ accountId: AccountId; x: number; y: number } | null>(null);
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
        const name = accountName(account);
        return (
          <RailButton
            key={account.id}
            label={`${name} — ${isLive ? words.title : offlineWords(connections[account.id]?.kind ?? lastConnections[account.id])}`}
            isActive={filter === account.id}
            badge={unread.get(account.id) ?? 0}
            onClick={() => selectAccount(account.id)}
            onContextMenu={(event) => {
              event.preventDefault();
              setMenu({ accountId: account.id, x: event.clientX, y: event.clientY });
            }}
            testId={`account-${account.id}`}
            state={isLive ? (connections[account.id]?.kind ?? 'starting') : 'offline'}
          >
            <Avatar id={account.id} name={name} />
            <span className={`rail-dot ${isLive ? `tone-${words.tone}` : 'is-offline'}`} aria-hidden="true" />
          </RailButton>
        );
      })}
      <RailButton label="Add account" isActive={false} badge={0} onClick={() => setAdding(true)} testId="account-add">
        <span className="rail-add">
          <Icon name="plus" size={22} />
        </span>
      </RailButton>
      <div className="rail-spacer" />
      <RailButton
        label="Media recovery"
        isActive={false}
        badge={0}
        onClick={() => openOverlay({ kind: 'mediaRecovery', accountId: filter === 'all' ? null : filter })}
        testId="open-media-recovery-rail"
      >
        <span className="rail-tool">
          <Icon name="brokenImage" size={22} />
        </span>
      </RailButton>
      <RailButton
        label="Keyboard shortcuts (?)"
        isActive={false}
        badge={0}
        onClick={() => openOverlay({ kind: 'help' })}
        testId="open-help"
      >
        <span className="rail-tool">
          <Icon name="help" size={22} />
        </span>
      </RailButton>
      <RailButton
        label="Settings (Ctrl+,)"
        isActive={false}
        badge={0}
        onClick={() => openOverlay({ kind: 'settings' })}
        testId="open-settings"
      >
        <span className="rail-tool">
          <Icon name="settings" size={22} />
        </span>
      </RailButton>
      <ThemeToggle />
      {isAdding && <AddAccountDialog onClose={() => setAdding(false)} />}
      {menu && <AccountMenu accountId={menu.accountId} position={menu} onClose={() => setMenu(null)} />}
    </nav>
  );
}

type RailButtonProps = {
  readonly label: string;
  readonly isActive: boolean;
  readonly badge: number;
  readonly onClick: () => void;
  readonly onContextMenu?: (event: MouseEvent) => void;
  readonly testId: string;
  /** The account's connection as tests and styles see it ("offline": not known, main unreachable). */
  readonly state?: string;
  readonly children: ReactNode;
};

function RailButton({ label, isActive, badge, onClick, onContextMenu, testId, state, children }: RailButtonProps) {
  return (
    <button
      type="button"
      className={`rail-button${isActive ? ' is-active' : ''}`}
      aria-label={label}
      aria-pressed={isActive}
      title={label}
      onClick={onClick}
      onContextMenu={onContextMenu}
      data-testid={testId}
      data-state={state}
    >
      {children}
      {badge > 0 && <span className="rail-badge">{badge > 99 ? '99+' : badge}</span>}
    </button>
  );
}
