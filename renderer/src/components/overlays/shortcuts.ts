/** Every keyboard shortcut, as the help dialog lists them (keep in step with useKeyboardShortcuts). */
export const SHORTCUTS: readonly { readonly keys: readonly string[]; readonly what: string }[] = [
  { keys: ['Ctrl', 'K'], what: 'Search chats and messages' },
  { keys: ['Alt', 'N'], what: 'New chat' },
  { keys: ['Alt', '↑'], what: 'Previous chat' },
  { keys: ['Alt', '↓'], what: 'Next chat' },
  { keys: ['Enter'], what: 'Send (Shift+Enter for a new line)' },
  { keys: ['Esc'], what: 'Close a menu or dialog, cancel a reply or an edit' },
  { keys: ['Tab'], what: 'Move to a message bubble' },
  { keys: ['Enter'], what: 'On a message: open its actions (also Shift+F10 or the Menu key)' },
  { keys: ['R'], what: 'On a message: reply' },
  { keys: ['E'], what: 'On your message: edit' },
  { keys: ['Ctrl', ','], what: 'Open settings' },
  { keys: ['?'], what: 'Show this help' },
];
