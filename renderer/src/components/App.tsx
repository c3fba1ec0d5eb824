import { useEffect } from 'react';
import { useUi } from '../state/uiStore.js';
import { AccountRail } from './AccountRail.js';
import { BridgeStatusBar } from './BridgeStatusBar.js';
import { ChatListPane } from './ChatListPane.js';
import { MainPane } from './MainPane.js';
import { Notices } from './Notices.js';
import { Overlays } from './overlays/Overlays.js';
import { useDesktopNotifications } from './notifications/useDesktopNotifications.js';
import { useUnreadTitle } from './notifications/useUnreadTitle.js';
import { useKeyboardShortcuts } from './useKeyboardShortcuts.js';

export function App() {
  const theme = useUi((state) => state.theme);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  useKeyboardShortcuts();
  useUnreadTitle();
  useDesktopNotifications();

  return (
    <div className="app">
      <BridgeStatusBar />
      <div className="app-body">
        <AccountRail />
        <ChatListPane />
        <MainPane />
      </div>
      <Notices />
      <Overlays />
    </div>
  );
}
