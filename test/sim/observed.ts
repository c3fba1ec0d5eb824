import type { BinaryNode } from '@whiskeysockets/baileys';

export type Direction = 'in' | 'out'; // 'in' = client → simulator
export type ObservedNode = Readonly<{ dir: Direction; at: number; connId: number; node: BinaryNode }>;
export type IqRecord = {
  readonly connId: number;
  readonly id: string;
  readonly xmlns: string;
  readonly type: string;
  readonly child: string;
  readonly at: number;
  answered: boolean;
  /** false when no handler knew this query (it was answered with a 501 error) */
  handled: boolean;
};

type Waiter = { pred: (o: ObservedNode) => boolean; resolve: (o: ObservedNode) => void };

/**
 * Every node that crossed the wire, decoded, plus the iq ledger. Tests assert on it:
 *
 *   await sim.observed.waitForNode(o => o.dir === 'in' && o.node.tag === 'receipt', 2000);
 *   expect(sim.observed.unansweredIqs()).toEqual([]);
 */
export class Observed {
  readonly nodes: ObservedNode[] = [];
  readonly iqs: IqRecord[] = [];
  readonly #acked = new Set<string>();
  #waiters: Waiter[] = [];

  record(dir: Direction, connId: number, node: BinaryNode): void {
    const entry: ObservedNode = { dir, at: Date.now(), connId, node };
    this.nodes.push(entry);
    const still: Waiter[] = [];
    for (const w of this.#waiters) {
      if (w.pred(entry)) w.resolve(entry);
      else still.push(w);
    }
    this.#waiters = still;
  }

  markAcked(msgId: string): void {
    this.#acked.add(msgId);
  }

  /** True once the client acknowledged (receipt or ack) a stanza the simulator delivered with this id. */
  acked(msgId: string): boolean {
    return this.#acked.has(msgId);
  }

  receiptsFor(msgId: string): BinaryNode[] {
    return this.nodes
      .filter((o) => o.dir === 'in' && o.node.tag === 'receipt' && o.node.attrs.id === msgId)
      .map((o) => o.node);
  }

  sent(pred: (n: BinaryNode) => boolean): ObservedNode[] {
    return this.nodes.filter((o) => o.dir === 'out' && pred(o.node));
  }

  received(pred: (n: BinaryNode) => boolean): ObservedNode[] {
    return this.nodes.filter((o) => o.dir === 'in' && pred(o.node));
  }

  unansweredIqs(): IqRecord[] {
    return this.iqs.filter((iq) => !iq.answered);
  }

  unhandledIqs(): IqRecord[] {
    return this.iqs.filter((iq) => !iq.handled);
  }

  /** Resolves once every iq seen so far has been answered (for faults that delay answers). */
  async waitForAllAnswered(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.unansweredIqs().length) {
      if (Date.now() > deadline) throw new Error(`${this.unansweredIqs().length} iq(s) still unanswered`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  waitForNode(pred: (o: ObservedNode) => boolean, timeoutMs = 5000, includePast = true): Promise<ObservedNode> {
    if (includePast) {
      const hit = this.nodes.find(pred);
      if (hit) return Promise.resolve(hit);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new Error(`waitForNode: no matching node within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        pred,
        resolve: (o) => {
          clearTimeout(timer);
          resolve(o);
        },
      };
      this.#waiters.push(waiter);
    });
  }
}
