import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './appOrigin.js';

/**
 * The inbox window. The renderer is untrusted content's neighbour (message text, link previews),
 * so it gets no Node, an isolated preload world and Chromium's OS sandbox; its only way out is
 * `window.bridge`. Hidden until first paint to avoid a white flash.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'WA Inbox',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

export async function loadApp(window: BrowserWindow): Promise<void> {
  await window.loadURL(APP_ENTRY_URL);
}

export function focusWindow(window: BrowserWindow | null): void {
  if (window === null || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
