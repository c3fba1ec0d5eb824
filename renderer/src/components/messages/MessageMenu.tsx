import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useEscapeLayer } from '../dialog/useEscapeLayer.js';
import { Icon, type IconName } from '../Icon.js';
import { EmojiPicker } from './EmojiPicker.js';
import { QUICK_REACTIONS } from './emojiCatalog.js';
import type { MessageAction } from './messageActions.js';
import type { MessageCommands } from './useMessageCommands.js';

const MENU_WIDTH_PX = 264;
const MENU_MAX_HEIGHT_PX = 420;

type MenuItem = {
  readonly label: string;
  readonly icon: IconName;
  readonly run: () => void;
  readonly isDanger?: boolean;
};

function menuItems(actions: readonly MessageAction[], commands: MessageCommands): MenuItem[] {
  const byAction: Partial<Record<MessageAction, MenuItem>> = {
    retrySend: { label: 'Retry sending', icon: 'refresh', run: commands.retrySend },
    reply: { label: 'Reply', icon: 'reply', run: commands.reply },
    copy: { label: 'Copy text', icon: 'copy', run: commands.copy },
    edit: { label: 'Edit', icon: 'edit', run: commands.edit },
    forward: { label: 'Forward…', icon: 'forward', run: commands.forward },
    mediaRecovery: { label: 'Media recovery…', icon: 'brokenImage', run: commands.openMediaRecovery },
    deleteForEveryone: {
      label: 'Delete for everyone…',
      icon: 'trash',
      run: commands.deleteForEveryone,
      isDanger: true,
    },
  };
  return actions.flatMap((action) => byAction[action] ?? []);
}

/**
 * The message context menu: a quick-reaction row (+ a picker), then the actions that apply.
 * Arrow keys move between items; Esc or a click outside closes it.
 */
export function MessageMenu({
  actions,
  commands,
  position,
  startWithPicker = false,
  onClose,
}: {
  readonly actions: readonly MessageAction[];
  readonly commands: MessageCommands;
  readonly position: { readonly x: number; readonly y: number };
  readonly startWithPicker?: boolean;
  readonly onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [isPicking, setPicking] = useState(startWithPicker);
  useEscapeLayer(onClose);
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [onClose]);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"], .emoji-button')?.focus();
  }, [isPicking]);

  const canReact = actions.includes('react');
  const items = menuItems(actions, commands);
  const runAndClose = (run: () => void) => () => {
    onClose();
    run();
  };
  const react = (emoji: string) => runAndClose(() => commands.react(emoji))();

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = all.indexOf(document.activeElement as HTMLElement);
    const next = all[(index + (event.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length];
    next?.focus();
  };

  const left = Math.max(8, Math.min(position.x, window.innerWidth - MENU_WIDTH_PX - 8));
  const top = Math.max(8, Math.min(position.y, window.innerHeight - MENU_MAX_HEIGHT_PX - 8));
  return createPortal(
    <div
      ref={ref}
      className="menu message-menu"
      role="menu"
      aria-label="Message actions"
      style={{ left, top }}
      onKeyDown={onKeyDown}
      data-testid="message-menu"
    >
      {canReact && isPicking && <EmojiPicker onPick={react} selected={commands.ownEmoji} />}
      {canReact && !isPicking && (
        <div className="quick-reactions" role="group" aria-label="Quick reactions">
          {QUICK_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              role="menuitem"
              className={`emoji-button${emoji === commands.ownEmoji ? ' is-selected' : ''}`}
              aria-label={emoji === commands.ownEmoji ? `Remove reaction ${emoji}` : `React with ${emoji}`}
              onClick={() => react(emoji)}
              data-testid={`react-${emoji}`}
            >
              {emoji}
            </button>
          ))}
          <button
            type="button"
            role="menuitem"
            className="emoji-button emoji-more"
            aria-label="More reactions"
            onClick={() => setPicking(true)}
            data-testid="react-more"
          >
            <Icon name="plus" size={18} />
          </button>
        </div>
      )}
      {!isPicking &&
        items.map((item) => (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            className={`menu-item${item.isDanger ? ' is-danger' : ''}`}
            onClick={runAndClose(item.run)}
          >
            <Icon name={item.icon} size={18} />
            {item.label}
          </button>
        ))}
    </div>,
    document.body,
  );
}
