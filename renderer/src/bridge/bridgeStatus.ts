/** How the renderer's link to main is doing; Electron IPC is always `open`. */
export type BridgeStatus = 'connecting' | 'open' | 'reconnecting';

export type StatusSource = {
  readonly getStatus: () => BridgeStatus;
  /** Called on every change; returns an unsubscribe function. */
  readonly onStatus: (listener: (status: BridgeStatus) => void) => () => void;
};
