import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { AccountId } from '../../../shared/src/index.js';
import { formatPhoneNumber } from '../names/bestName.js';
import { useSession } from '../state/sessionStore.js';
import { type Overlay, useUi } from '../state/uiStore.js';
import { accountName } from './AccountHeading.js';
import { Avatar } from './Avatar.js';
import { useEscapeLayer } from './dialog/useEscapeLayer.js';
import { Icon, type IconName } from './Icon.js';

const MENU_WIDTH_PX = 240;
const MENU_HEIGHT_PX = 300;

/** Per-account actions (media recovery, history sync, log out, remove) under a header naming the account. */
export function AccountMenu({
  accountId,
  position,
  onClose,
}: {
  readonly accountId: AccountId;
  readonly position: { readonly x: number; readonly y: number };
  readonly onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const openOverlay = useUi((state) => state.openOverlay);
  const account = useSession((state) => state.accounts.find((candidate) => candidate.id === accountId));
  useEscapeLayer(onClose);
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onPointer);
    ref.current?.querySelector('button')?.focus();
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [onClose]);

  const items: { label: string; icon: IconName; overlay: Overlay; isDanger?: boolean; testId: string }[] = [
    {
      label: 'Media recovery',
      icon: 'brokenImage',
      overlay: { kind: 'mediaRecovery', accountId },
      testId: 'account-menu-media',
    },
    { label: 'History sync', icon: 'history', overlay: { kind: 'syncPanel', accountId }, testId: 'account-menu-sync' },
    { label: 'Settings…', icon: 'settings', overlay: { kind: 'settings' }, testId: 'account-menu-settings' },
    { label: 'Log out…', icon: 'logout', overlay: { kind: 'logout', accountId }, testId: 'account-menu-logout' },
    {
      label: 'Remove account…',
      icon: 'trash',
      overlay: { kind: 'removeAccount', accountId },
      isDanger: true,
      testId: 'account-menu-remove',
    },
  ];
  const left = Math.min(position.x, window.innerWidth - MENU_WIDTH_PX - 8);
  const top = Math.min(position.y, window.innerHeight - MENU_HEIGHT_PX - 8);
  return createPortal(
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label="Account actions"
      style={{ left, top }}
      data-testid="account-menu"
    >
      {account && (
        // Which account the actions below touch: with several, a wrong "Log out" is costly.
        <div className="menu-header" data-testid="account-menu-header">
          <Avatar id={account.id} name={accountName(account)} size="sm" />
          <div className="menu-header-text">
            <span className="menu-header-name">{accountName(account)}</span>
            {account.phoneNumber && account.label && (
              <span className="menu-header-detail">{formatPhoneNumber(account.phoneNumber)}</span>
            )}
          </div>
        </div>
      )}
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          className={`menu-item${item.isDanger ? ' is-danger' : ''}`}
          onClick={() => {
            onClose();
            openOverlay(item.overlay);
          }}
          data-testid={item.testId}
        >
          <Icon name={item.icon} size={18} />
          {item.label}
        </button>
      ))}
    </div>,
    document.body,
  );
}
