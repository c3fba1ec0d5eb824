import { randomBytes } from 'node:crypto';
import { encodeBinaryNode, S_WHATSAPP_NET } from '@whiskeysockets/baileys';
import type { Simulator } from './simulator.js';

/**
 * Failure injection against the active client connection.
 *
 *   sim.faults.conflict();          // Baileys ends with 440 (connectionReplaced)
 *   sim.faults.silencePings();      // keep-alive times out → 408
 *   sim.faults.delayIqs(300);       // every iq answer 300 ms late
 */
export class Faults {
  pingsSilenced = false;
  iqDelayMs = 0;

  constructor(private readonly sim: Simulator) {}

  #conn() {
    const conn = this.sim.activeConnection;
    if (!conn) throw new Error('no active client connection');
    return conn;
  }

  /** Network failure: the TCP link dies without a close frame. */
  dropConnection(): void {
    this.#conn().terminate();
  }

  /** Another client logged in with these creds → Baileys 440 "replaced". */
  conflict(): void {
    const conn = this.#conn();
    conn.send({ tag: 'stream:error', attrs: {}, content: [{ tag: 'conflict', attrs: { type: 'replaced' } }] });
    conn.close();
  }

  /** The phone removed this companion → Baileys 401; later logins fail with <failure reason=401>. */
  logout(): void {
    const conn = this.#conn();
    conn.send({
      tag: 'stream:error',
      attrs: { code: '401' },
      content: [{ tag: 'conflict', attrs: { type: 'device_removed' } }],
    });
    conn.close();
    this.sim.removeDevice();
  }

  /** Server asks for a restart → Baileys 515 (it does not reconnect by itself). */
  restartRequired(): void {
    const conn = this.#conn();
    conn.send({ tag: 'stream:error', attrs: { code: '515' } });
    conn.close();
  }

  silencePings(on = true): void {
    this.pingsSilenced = on;
  }

  delayIqs(ms: number): void {
    this.iqDelayMs = ms;
  }

  /** A transport frame whose plaintext is not a binary node. */
  sendGarbageFrame(bytes = 64): void {
    this.#conn().sendRawFrame(randomBytes(bytes));
  }

  /** A well-formed node with a tag no handler knows. */
  sendUnknownNode(): void {
    this.#conn().send({
      tag: 'sim-unknown',
      attrs: { from: S_WHATSAPP_NET, id: 'unknown-1' },
      content: [{ tag: 'x', attrs: { y: 'z' } }],
    });
  }

  /** A very large (but legal) node of an unknown tag. */
  sendHugeNode(bytes = 2 * 1024 * 1024): void {
    const node = { tag: 'sim-huge', attrs: { from: S_WHATSAPP_NET }, content: Buffer.alloc(bytes, 7) };
    this.#conn().sendRawFrame(encodeBinaryNode(node));
  }
}
