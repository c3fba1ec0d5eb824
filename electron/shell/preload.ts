/*
 * Runs in the sandboxed, context-isolated preload world; bundled to CommonJS by
 * scripts/build-shell.mjs because sandboxed preloads cannot be ES modules. It exposes exactly
 * `window.bridge` (BridgeApi) and nothing else: no ipcRenderer, no channel names, no Node.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeApi, EventBatch, Result } from '../../shared/src/index.js';
// The zod-free channels module: importing the contract index would bundle the schemas (~750 KB).
import { IPC_COMMAND_CHANNEL, IPC_EVENTS_CHANNEL } from '../../shared/src/contract/channels.js';

const bridge: BridgeApi = {
  // Errors never cross the bridge as exceptions: an input IPC cannot clone (a function, a DOM
  // node) or a dead main process still yields a Result.
  send: (name, input) =>
    (ipcRenderer.invoke(IPC_COMMAND_CHANNEL, { name, input }) as Promise<Result<unknown>>).catch(
      (err: unknown): Result<unknown> => ({
        ok: false,
        error: isCloneError(err)
          ? { code: 'INVALID_INPUT', message: 'command input cannot be sent over IPC' }
          : { code: 'INTERNAL', message: 'the app did not answer' },
      }),
    ),
  subscribe: (listener) => {
    // The IPC event object stays here: handing it to the page would leak `sender` (ipcRenderer).
    const onBatches = (_event: IpcRendererEvent, batches: readonly EventBatch[]) => listener(batches);
    ipcRenderer.on(IPC_EVENTS_CHANNEL, onBatches);
    return () => {
      ipcRenderer.removeListener(IPC_EVENTS_CHANNEL, onBatches);
    };
  },
};

contextBridge.exposeInMainWorld('bridge', bridge);

function isCloneError(err: unknown): boolean {
  return err instanceof Error && /could not be cloned/i.test(err.message);
}
