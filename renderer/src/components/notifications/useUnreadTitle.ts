import { useEffect } from 'react';
import { useUnreadByAccount } from '../../features/useUnreadByAccount.js';
import { titleWithUnread } from './shouldNotify.js';

const APP_TITLE = 'WA Inbox';

/** Unread chats in the window title, "(3) WA Inbox"; the Electron shell can mirror it to the badge. */
export function useUnreadTitle(): void {
  const unread = useUnreadByAccount();
  const total = [...unread.values()].reduce((sum, n) => sum + n, 0);
  useEffect(() => {
    document.title = titleWithUnread(APP_TITLE, total);
  }, [total]);
}
