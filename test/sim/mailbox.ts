import type { BinaryNode } from '@whiskeysockets/baileys';

type Entry = { node: BinaryNode; deliveries: number };

/**
 * Server → device stanzas that need the client's acknowledgement, in order. Like the real service a
 * stanza stays here until the client acks it (a receipt for a message, an <ack class=…> otherwise),
 * so anything sent to an offline client, or sent but never acknowledged, goes out again
 * (with offline="1") on the next login.
 */
export class Mailbox {
  #entries: Entry[] = [];

  add(node: BinaryNode): void {
    this.#entries.push({ node, deliveries: 0 });
  }

  markDelivered(node: BinaryNode): void {
    const entry = this.#entries.find((e) => e.node === node);
    if (entry) entry.deliveries++;
  }

  pending(): BinaryNode[] {
    return this.#entries.map((e) => e.node);
  }

  deliveries(id: string): number {
    return this.#entries.find((e) => e.node.attrs.id === id)?.deliveries ?? 0;
  }

  /** Removes the oldest entry of that tag and id; returns whether one was there. */
  ack(tag: string, id: string): boolean {
    const i = this.#entries.findIndex((e) => e.node.tag === tag && e.node.attrs.id === id);
    if (i < 0) return false;
    this.#entries.splice(i, 1);
    return true;
  }

  replace(tag: string, id: string, node: BinaryNode): void {
    const entry = this.#entries.find((e) => e.node.tag === tag && e.node.attrs.id === id);
    if (entry) entry.node = node;
    else this.add(node);
  }

  clear(): void {
    this.#entries = [];
  }

  get size(): number {
    return this.#entries.length;
  }
}
