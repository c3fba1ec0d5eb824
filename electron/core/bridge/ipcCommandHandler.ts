import type { Result } from '../../../shared/src/index.js';
import type { Dispatch } from './dispatcher.js';

/** The minimum the Electron shell passes in from an `IpcMainInvokeEvent`; no electron import here. */
export type IpcSenderInfo = {
  readonly senderFrameUrl: string | null;
  readonly isMainFrame: boolean;
};

/**
 * The IPC half of the bridge, kept free of `electron` so the fuzz test drives exactly the code
 * the shell registers with `ipcMain.handle`. Commands from any frame other than our own top-level
 * page are refused before validation.
 */
export function createIpcCommandHandler(dispatch: Dispatch, isTrustedUrl: (url: string) => boolean) {
  return async function handleIpcCommand(sender: IpcSenderInfo, envelope: unknown): Promise<Result<unknown>> {
    if (!sender.isMainFrame || sender.senderFrameUrl === null || !isTrustedUrl(sender.senderFrameUrl)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'command from an untrusted frame' } };
    }
    const size = approximateSize(envelope);
    if (size === null) return { ok: false, error: { code: 'INVALID_INPUT', message: 'unserializable command' } };
    return dispatch(envelope, 'ipc', size);
  };
}

/** Electron already deserialized the payload; its JSON size is a fair stand-in for the wire size. */
function approximateSize(value: unknown): number | null {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return null; // cyclic (structured clone allows it) or BigInt: not a valid command anyway
  }
}
