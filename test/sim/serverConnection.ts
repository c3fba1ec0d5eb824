import { decodeBinaryNode, encodeBinaryNode } from '@whiskeysockets/baileys';
import type { BinaryNode, KeyPair, proto } from '@whiskeysockets/baileys';
import type { WebSocket } from 'ws';
import { NoiseResponder } from './noise.js';

/** Largest frame the 3-byte length allows; anything claiming more is hostile. */
const MAX_FRAME_BYTES = 0xffffff;

export type ConnectionHandlers = Readonly<{
  onPayload: (conn: ServerConnection, payload: proto.ClientPayload) => void;
  onNode: (conn: ServerConnection, node: BinaryNode) => void;
  onSent: (conn: ServerConnection, node: BinaryNode) => void;
  onClose: (conn: ServerConnection) => void;
  onProtocolError: (conn: ServerConnection, err: unknown) => void;
}>;

/**
 * One client websocket: Noise handshake, then binary nodes both ways. Any protocol violation closes
 * just this connection; the server keeps running.
 */
export class ServerConnection {
  readonly #noise: NoiseResponder;
  #stage: 'hello' | 'finish' | 'transport' | 'closed' = 'hello';
  #queue: Promise<void> = Promise.resolve();
  /** Set once the client logged in (or registered); the device/registration it speaks for. */
  payload: proto.ClientPayload | undefined;
  isOpen = false;

  constructor(
    readonly id: number,
    private readonly ws: WebSocket,
    staticKeys: KeyPair,
    certChain: Uint8Array,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.#noise = new NoiseResponder(staticKeys, certChain);
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      // Serialize: node decoding is async and frames must be handled in order.
      this.#queue = this.#queue.then(() => this.#onBytes(bytes)).catch((err: unknown) => this.#fail(err));
    });
    ws.on('close', () => this.#closed());
    ws.on('error', () => this.#closed());
  }

  get clientStaticPublic(): Buffer | undefined {
    return this.#noise.clientStaticPublic;
  }

  get isClosed(): boolean {
    return this.#stage === 'closed';
  }

  send(node: BinaryNode): void {
    if (this.#stage !== 'transport') return;
    this.handlers.onSent(this, node);
    this.#write(this.#noise.frame(encodeBinaryNode(node)));
  }

  /** Sends raw bytes as one transport frame (hostile-node faults). */
  sendRawFrame(plaintext: Uint8Array): void {
    if (this.#stage !== 'transport') return;
    this.#write(this.#noise.frame(plaintext));
  }

  /** Sends bytes that are not even a valid frame body. */
  sendRawBytes(bytes: Uint8Array): void {
    if (this.#stage !== 'closed') this.#write(Buffer.from(bytes));
  }

  close(): void {
    if (this.#stage === 'closed') return;
    this.#stage = 'closed';
    this.ws.close();
    this.handlers.onClose(this);
  }

  /** Abrupt drop, no close frame (a network failure). */
  terminate(): void {
    if (this.#stage === 'closed') return;
    this.#stage = 'closed';
    this.ws.terminate();
    this.handlers.onClose(this);
  }

  #write(bytes: Buffer): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(bytes);
  }

  async #onBytes(bytes: Buffer): Promise<void> {
    if (this.#stage === 'closed') return;
    for (const frame of this.#noise.push(bytes)) {
      if (frame.length > MAX_FRAME_BYTES) throw new Error('frame too large');
      // Frames that arrive after close (e.g. queued behind a fault) are ignored, as a dead TCP link would.
      if (this.isClosed) return;
      switch (this.#stage) {
        case 'hello':
          this.#write(this.#noise.respondToHello(frame));
          this.#stage = 'finish';
          break;
        case 'finish':
          this.payload = this.#noise.finish(frame);
          this.#stage = 'transport';
          this.handlers.onPayload(this, this.payload);
          break;
        case 'transport': {
          const node = await decodeBinaryNode(this.#noise.decryptTransport(frame));
          this.handlers.onNode(this, node);
          break;
        }
      }
    }
  }

  #fail(err: unknown): void {
    this.handlers.onProtocolError(this, err);
    this.terminate();
  }

  #closed(): void {
    if (this.#stage === 'closed') return;
    this.#stage = 'closed';
    this.handlers.onClose(this);
  }
}
