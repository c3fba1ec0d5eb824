import { useEffect } from 'react';
import { useUi } from '../state/uiStore.js';

export const SEARCH_INPUT_ID = 'chat-search';
export const CHAT_STEP_EVENT = 'inbox:chat-step';
export const ESCAPE_EVENT = 'inbox:escape';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * Ctrl/Cmd+, opens Settings; Ctrl/Cmd+K focuses search; Alt+N opens "New chat"; "?" (outside text fields) shows the shortcuts; Alt+↑/↓ moves to the previous/next chat (the chat list listens for
 * CHAT_STEP_EVENT, since only it knows the visible order); Esc closes the innermost panel.
 */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        const input = document.getElementById(SEARCH_INPUT_ID);
        if (input instanceof HTMLInputElement) {
          input.focus();
          input.select();
        }
        return;
      }
      if ((event.ctrlKey || event.metaKey) && event.key === ',') {
        event.preventDefault();
        useUi.getState().openOverlay({ kind: 'settings' });
        return;
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyN') {
        event.preventDefault();
        useUi.getState().openOverlay({ kind: 'newChat' });
        return;
      }
      if (event.key === '?' && !isTyping(event.target) && !useUi.getState().overlay) {
        event.preventDefault();
        useUi.getState().openOverlay({ kind: 'help' });
        return;
      }
      if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        event.preventDefault();
        window.dispatchEvent(new CustomEvent(CHAT_STEP_EVENT, { detail: event.key === 'ArrowUp' ? -1 : 1 }));
        return;
      }
      if (event.key === 'Escape') {
        const escape = new CustomEvent(ESCAPE_EVENT, { cancelable: true });
        window.dispatchEvent(escape);
        if (escape.defaultPrevented) return;
        const ui = useUi.getState();
        if (ui.overlay) ui.closeOverlay();
        else if (ui.editing) ui.setEditing(null);
        else if (ui.isContactPanelOpen) ui.setContactPanelOpen(false);
        else if (ui.replyTo) ui.setReplyTo(null);
        else if (ui.searchQuery) ui.setSearchQuery('');
        else if (ui.isShowingArchived) ui.setShowingArchived(false);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
