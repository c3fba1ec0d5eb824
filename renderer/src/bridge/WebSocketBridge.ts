import type { BridgeApi, ClientFrame, EventBatch, Result, ServerFrame } from '../../../shared/src/index.js';
import type { BridgeStatus, StatusSource } from './bridgeStatus.js';
import { reconnectDelayMs } from './reconnectDelay.js';

/*
 * Browser-mode bridge: the same `BridgeApi` as the Electron preload, over one same-origin
 * WebSocket (auth is the HttpOnly cookie the server already set).
 *
 *   const bridge = new WebSocketBridge(`ws://${location.host}/bridge`);
 *   const result = await bridge.send('app.ping', { nonce: 'x' });
 *
 * Commands sent while disconnected wait for the socket to open. Commands in flight when the socket
 * drops are answered with NOT_CONNECTED: main may or may not have run them, and every command's
 * effect arrives as events anyway, which catch-up replays after reconnecting.
 */
type Pending = { readonly frame: ClientFrame; readonly resolve: (result: Result<unknown>) => void };

export class WebSocketBridge implements BridgeApi, StatusSource {
  readonly #url: string;
  readonly #batchListeners = new Set<(batches: readonly EventBatch[]) => void>();
  readonly #statusListeners = new Set<(status: BridgeStatus) => void>();
  readonly #inFlight = new Map<number, Pending>();
  readonly #queued: Pending[] = [];
  #socket: WebSocket | null = null;
  #status: BridgeStatus = 'connecting';
  #nextId = 1;
  #attempt = 0;
  #isClosed = false;

  constructor(url: string) {
    this.#url = url;
    this.#connect();
  }

  readonly send = (name: string, input: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const pending: Pending = { frame: { t: 'cmd', id: this.#nextId++, name, input }, resolve };
      if (this.#status === 'open' && this.#socket) this.#transmit(this.#socket, pending);
      else this.#queued.push(pending);
    });

  readonly subscribe = (listener: (batches: readonly EventBatch[]) => void): (() => void) => {
    this.#batchListeners.add(listener);
    return () => this.#batchListeners.delete(listener);
  };

  readonly getStatus = (): BridgeStatus => this.#status;

  readonly onStatus = (listener: (status: BridgeStatus) => void): (() => void) => {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  };

  close(): void {
    this.#isClosed = true;
    this.#socket?.close();
  }

  #connect(): void {
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      this.#attempt = 0;
      this.#setStatus('open');
      for (const pending of this.#queued.splice(0)) this.#transmit(socket, pending);
    });
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data === 'string') this.#receive(event.data);
    });
    socket.addEventListener('close', () => this.#handleClose());
  }

  #transmit(socket: WebSocket, pending: Pending): void {
    this.#inFlight.set(pending.frame.id, pending);
    socket.send(JSON.stringify(pending.frame));
  }

  #receive(data: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return; // main only sends JSON; anything else is not ours to interpret
    }
    switch (frame.t) {
      case 'res': {
        const pending = this.#inFlight.get(frame.id);
        this.#inFlight.delete(frame.id);
        pending?.resolve(frame.result);
        return;
      }
      case 'events':
        this.#emit([frame.batch]);
        return;
      case 'events-many':
        this.#emit(frame.batches);
        return;
    }
  }

  #emit(batches: readonly EventBatch[]): void {
    for (const listener of this.#batchListeners) listener(batches);
  }

  #handleClose(): void {
    this.#socket = null;
    for (const pending of this.#inFlight.values()) {
      pending.resolve({ ok: false, error: { code: 'NOT_CONNECTED', message: 'Connection to the app was lost.' } });
    }
    this.#inFlight.clear();
    if (this.#isClosed) return;
    this.#setStatus('reconnecting');
    const delay = reconnectDelayMs(this.#attempt++);
    setTimeout(() => this.#connect(), delay);
  }

  #setStatus(status: BridgeStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of this.#statusListeners) listener(status);
  }
}
