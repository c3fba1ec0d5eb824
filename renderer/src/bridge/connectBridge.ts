import type { BridgeApi } from '../../../shared/src/index.js';
import type { StatusSource } from './bridgeStatus.js';
import { WebSocketBridge } from './WebSocketBridge.js';

declare global {
  // Augmenting the DOM's Window needs declaration merging, which only `interface` does.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    readonly bridge?: BridgeApi;
  }
}

export type ConnectedBridge = { readonly api: BridgeApi; readonly status: StatusSource };

const alwaysOpen: StatusSource = { getStatus: () => 'open', onStatus: () => () => undefined };

/** Electron preload when present, else the same-origin WebSocket of browser mode. */
export async function connectBridge(): Promise<ConnectedBridge> {
  if (import.meta.env.DEV && new URLSearchParams(location.search).get('fake') === '1') {
    // Dev-only: the whole branch (and the fake's module) is dropped from production builds.
    const { createFakeBridge } = await import('../dev/fakeBridge.js');
    return { api: createFakeBridge(), status: alwaysOpen };
  }
  if (window.bridge) return { api: window.bridge, status: alwaysOpen };
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocketBridge(`${scheme}://${location.host}/bridge`);
  return { api: socket, status: socket };
}
