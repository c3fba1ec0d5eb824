import WebSocket from 'ws';
import type { EventBatch, Result, ServerFrame } from '../../shared/src/index.js';

/**
 * A Node client for the browser-mode bridge, for tests and benchmarks: the same frames the
 * renderer sends, with the session cookie and Origin a real page would carry.
 */
export class WsBridgeClient {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, (result: Result<unknown>) => void>();
  readonly #orphans: Result<unknown>[] = [];
  readonly #orphanWaiters: ((result: Result<unknown>) => void)[] = [];
  readonly batches: EventBatch[] = [];
  #nextId = 1;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => this.#onFrame(JSON.parse((data as Buffer).toString('utf8')) as ServerFrame));
  }

  static connect(port: number, cookie: string, origin = `http://127.0.0.1:${port}`): Promise<WsBridgeClient> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/bridge`, {
      headers: { Origin: origin, Cookie: cookie },
      maxPayload: 64 * 1024 * 1024,
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new WsBridgeClient(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  /** Answers to frames the server could not attribute to an id (malformed or oversized). */
  get orphans(): readonly Result<unknown>[] {
    return this.#orphans;
  }

  send(name: string, input: unknown): Promise<Result<unknown>> {
    return this.sendRaw((id) => JSON.stringify({ t: 'cmd', id, name, input }));
  }

  /** Sends a frame built by `build(id)`, for fuzzing the framing itself. */
  sendRaw(build: (id: number) => string): Promise<Result<unknown>> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#socket.send(build(id));
    });
  }

  /** Sends a frame the server cannot attribute to a request id and waits for its answer. */
  sendUnattributed(frame: string): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      this.#orphanWaiters.push(resolve);
      this.#socket.send(frame);
    });
  }

  close(): void {
    this.#socket.close();
  }

  #onFrame(frame: ServerFrame): void {
    switch (frame.t) {
      case 'res': {
        const resolve = this.#pending.get(frame.id);
        if (resolve) {
          this.#pending.delete(frame.id);
          resolve(frame.result);
        } else {
          this.#orphans.push(frame.result);
          this.#orphanWaiters.shift()?.(frame.result);
        }
        return;
      }
      case 'events':
        this.batches.push(frame.batch);
        return;
      case 'events-many':
        this.batches.push(...frame.batches);
        return;
    }
  }
}
