import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_COMMAND_CHANNEL, IPC_EVENTS_CHANNEL } from '../../shared/src/index.js';
import type { Core } from '../core/app/Core.js';
import { createIpcCommandHandler } from '../core/bridge/ipcCommandHandler.js';
import { isAppUrl } from './appOrigin.js';

/**
 * The Electron half of the bridge. The handler logic (sender checks, validation) is the core's
 * electron-free `createIpcCommandHandler`; here we only translate an `IpcMainInvokeEvent` into the
 * sender facts it needs. Returns the unregister function.
 */
export function registerCommandChannel(core: Core): () => void {
  const handle = createIpcCommandHandler(core.dispatch, isAppUrl);
  ipcMain.handle(IPC_COMMAND_CHANNEL, (event, envelope: unknown) =>
    handle(
      {
        senderFrameUrl: event.senderFrame?.url ?? null,
        // A subframe (or a frame that is already gone) is never allowed to command the core.
        isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
      },
      envelope,
    ),
  );
  return () => ipcMain.removeHandler(IPC_COMMAND_CHANNEL);
}

/**
 * Forwards the hub's coalesced batches to one window until it closes. A page that is not ours
 * (navigation is blocked, so this is belt and braces) gets nothing; neither does a page still
 * loading, which asks `events.catchUp` for what it missed once it runs.
 */
export function forwardEventsToWindow(core: Core, window: BrowserWindow): void {
  const unsubscribe = core.hub.subscribe((batches) => {
    if (window.isDestroyed()) return;
    const contents = window.webContents;
    if (!isAppUrl(contents.getURL())) return;
    contents.send(IPC_EVENTS_CHANNEL, batches);
  });
  window.once('closed', unsubscribe);
}
