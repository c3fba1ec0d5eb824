import type { proto } from '@whiskeysockets/baileys';
import type { Contact } from '../../test/sim/contact.js';
import { startPairedWorld, type PairedWorld } from '../../test/sim/testing/fixtures.js';
import { nowMs } from './pageClock.js';
import { TOKEN_PATTERN } from './domArrivals.js';

export type BareReceiver = Readonly<{
  world: PairedWorld;
  contact: Contact;
  /** Token → when Baileys emitted its `messages.upsert`, in the Node clock of pageClock.ts. */
  arrivals: Map<string, number>;
  waitFor: (tokens: readonly string[], timeoutMs: number) => Promise<void>;
  stop: () => Promise<void>;
}>;

/**
 * The baseline of the live rows: a bare Baileys socket (no app code) paired with the simulator, in
 * this process, stamping each message's `messages.upsert`. The same simulator code and contact
 * machinery that feed the app feed it.
 */
export async function startBareReceiver(): Promise<BareReceiver> {
  const world = await startPairedWorld();
  const contact = world.sim.addContact({ pushName: 'Bare Contact' });
  const arrivals = new Map<string, number>();
  const re = new RegExp(TOKEN_PATTERN, 'g');
  world.client.sock.ev.on('messages.upsert', ({ messages }) => {
    const at = nowMs();
    for (const message of messages) {
      for (const match of textOf(message).matchAll(re)) if (!arrivals.has(match[0])) arrivals.set(match[0], at);
    }
  });
  const waitFor = async (tokens: readonly string[], timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (tokens.some((token) => !arrivals.has(token))) {
      if (Date.now() > deadline) throw new Error('bare Baileys did not receive every message');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { world, contact, arrivals, waitFor, stop: () => world.teardown() };
}

function textOf(message: proto.IWebMessageInfo): string {
  return message.message?.conversation ?? message.message?.extendedTextMessage?.text ?? '';
}
