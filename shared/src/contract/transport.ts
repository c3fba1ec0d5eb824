import { z } from 'zod';
import type { Result } from './result.js';
import type { EventBatch } from './events.js';

/**
 * The envelope both transports carry (Electron IPC and the browser-mode WebSocket).
 * `name` and `input` are validated in main against the command schemas.
 */
export const CommandEnvelopeSchema = z.strictObject({
  name: z.string().max(128),
  input: z.unknown(),
});
export type CommandEnvelope = { readonly name: string; readonly input: unknown };

/** WebSocket frames. Electron IPC uses `invoke` for commands and a channel for batches. */
export type ClientFrame = { readonly t: 'cmd'; readonly id: number; readonly name: string; readonly input: unknown };
export type ServerFrame =
  | { readonly t: 'res'; readonly id: number; readonly result: Result<unknown> }
  | { readonly t: 'events'; readonly batch: EventBatch }
  | { readonly t: 'events-many'; readonly batches: readonly EventBatch[] };

export { IPC_COMMAND_CHANNEL, IPC_EVENTS_CHANNEL } from './channels.js';

/** What the preload exposes on `window.bridge` and what the WebSocket client implements. */
export type BridgeApi = {
  readonly send: (name: string, input: unknown) => Promise<Result<unknown>>;
  readonly subscribe: (listener: (batches: readonly EventBatch[]) => void) => () => void;
};
