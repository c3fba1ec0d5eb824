import type { Dispatch } from '../bridge/dispatcher.js';
import type { EventHub } from '../bridge/EventHub.js';

/**
 * What a host (the Electron shell or browser mode) gets from the Node core: one dispatch
 * function for commands from any transport, one hub of persisted event batches, and shutdown.
 */
export type Core = {
  readonly dispatch: Dispatch;
  readonly hub: EventHub;
  readonly close: () => Promise<void>;
};

export type CoreMode = 'electron' | 'browser';
