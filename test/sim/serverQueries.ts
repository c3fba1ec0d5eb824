import { generateMessageID } from '@whiskeysockets/baileys';
import type { BinaryNode } from '@whiskeysockets/baileys';
import type { ServerConnection } from './serverConnection.js';

type Pending = { connId: number; resolve: (node: BinaryNode) => void; reject: (err: Error) => void };

/** iqs the server sends to the client (pair-success…) awaiting the client's result. */
export class ServerQueries {
  readonly #pending = new Map<string, Pending>();

  query(conn: ServerConnection, node: BinaryNode, timeoutMs: number): Promise<BinaryNode> {
    const id = node.attrs.id ?? generateMessageID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`client did not answer iq ${id} within ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = (): void => {
        clearTimeout(timer);
        this.#pending.delete(id);
      };
      this.#pending.set(id, {
        connId: conn.id,
        resolve: (reply) => {
          settle();
          resolve(reply);
        },
        reject: (err) => {
          settle();
          reject(err);
        },
      });
      conn.send({ ...node, attrs: { ...node.attrs, id } });
    });
  }

  /** Returns whether the iq result/error answered one of ours. */
  settle(reply: BinaryNode): boolean {
    const pending = this.#pending.get(reply.attrs.id ?? '');
    pending?.resolve(reply);
    return pending !== undefined;
  }

  /** The connection closed: nothing will answer its queries. */
  failFor(connId: number, err: Error): void {
    for (const pending of [...this.#pending.values()]) if (pending.connId === connId) pending.reject(err);
  }
}
