import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/src/index.js';
import { AccountStore, staticKeyProvider } from '../../electron/core/store/index.js';
import type { Contact } from '../sim/contact.js';
import type { PollRef } from '../sim/simPolls.js';
import { ACCOUNT_ID, eventually, WorkerHarness } from './support/workerHarness.js';

type Tally = Record<string, string[]>;

/** The newest emitted copy of the message with this WhatsApp id (what the renderer's cache holds). */
function latest(h: WorkerHarness, waId: string): Message | undefined {
  const copies = h.events().flatMap((e) => (e.type === 'messages.upserted' ? e.messages : []));
  return copies.filter((m) => m.id.endsWith(`|${waId}`)).at(-1);
}

function tallyOf(message: Message | undefined): Tally | undefined {
  if (message?.body.kind !== 'poll') return undefined;
  return Object.fromEntries(message.body.options.map((o) => [o.name, [...o.voters]]));
}

/** Waits until the emitted poll shows exactly this tally. */
async function expectTally(h: WorkerHarness, waId: string, expected: Tally): Promise<void> {
  await eventually(() => JSON.stringify(tallyOf(latest(h, waId))) === JSON.stringify(expected), 10_000).catch(() => {
    throw new Error(
      `poll ${waId}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(tallyOf(latest(h, waId)))}`,
    );
  });
}

describe('AccountWorker: poll votes', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it("decrypts and tallies votes on a contact's poll, a group poll and the user's own poll; the newest vote wins; tallies survive a restart", async () => {
    h = await WorkerHarness.start();
    const sim = h.sim;
    const [ana, bo, cy] = ['Ana', 'Bo', 'Cy'].map((pushName) => sim.addContact({ pushName })) as [
      Contact,
      Contact,
      Contact,
    ];
    const team = sim.groups.create({ subject: 'Lunch crew', members: [ana, bo, cy] });
    const worker = await h.pairNewWorker();

    // A contact's poll in a 1:1 chat; she votes, then changes her mind.
    const lunch = await sim.polls.create(ana, 'Lunch?', ['Pizza', 'Sushi'], { selectableCount: 1 });
    await expectTally(h, lunch.id, { Pizza: [], Sushi: [] });
    await sim.polls.vote(ana, lunch, ['Sushi']);
    await expectTally(h, lunch.id, { Pizza: [], Sushi: [ana.pnJid] });
    await sim.polls.vote(ana, lunch, ['Pizza']);
    await expectTally(h, lunch.id, { Pizza: [ana.pnJid], Sushi: [] });
    // The user votes on her poll from the phone.
    await sim.polls.voteFromPhone(ana.pnJid, lunch, ['Sushi']);
    await expectTally(h, lunch.id, { Pizza: [ana.pnJid], Sushi: [sim.accountJid] });

    // A group poll: several voters, a multi-select vote, a changed vote.
    const where = await sim.polls.create(bo, 'Where?', ['Sushi', 'Tacos', 'Pho'], { group: team });
    await expectTally(h, where.id, { Sushi: [], Tacos: [], Pho: [] });
    await sim.polls.vote(ana, where, ['Tacos']);
    await sim.polls.vote(bo, where, ['Tacos', 'Pho']);
    await sim.polls.vote(cy, where, ['Sushi']);
    await expectTally(h, where.id, { Sushi: [cy.pnJid], Tacos: [ana.pnJid, bo.pnJid], Pho: [bo.pnJid] });
    await sim.polls.vote(cy, where, ['Pho']);
    await expectTally(h, where.id, { Sushi: [], Tacos: [ana.pnJid, bo.pnJid], Pho: [bo.pnJid, cy.pnJid] });

    // The user's own poll, sent from the phone; a contact votes on it, then withdraws the vote.
    const own = await ownPoll(h, ana, 'Friday?', ['Yes', 'No']);
    await expectTally(h, own.id, { Yes: [], No: [] });
    await sim.polls.vote(ana, own, ['Yes']);
    await expectTally(h, own.id, { Yes: [ana.pnJid], No: [] });
    await sim.polls.vote(ana, own, []);
    await expectTally(h, own.id, { Yes: [], No: [] });
    await sim.polls.voteFromPhone(ana.pnJid, own, ['No']);
    await expectTally(h, own.id, { Yes: [], No: [sim.accountJid] });

    // After a restart the archive, not the emitted events, has the final tallies.
    await worker.stop();
    h.worker = undefined;
    const store = await AccountStore.open(h.accountDir, {
      keyProvider: staticKeyProvider(new Uint8Array(32).fill(9)),
      accountId: ACCOUNT_ID,
    });
    try {
      const stored = (waId: string): Tally | undefined => {
        const emitted = latest(h!, waId);
        return emitted ? tallyOf(store.getMessage(emitted.chatId, emitted.id)) : undefined;
      };
      expect(stored(lunch.id)).toEqual({ Pizza: [ana.pnJid], Sushi: [h.sim.accountJid] });
      expect(stored(where.id)).toEqual({ Sushi: [], Tacos: [ana.pnJid, bo.pnJid], Pho: [bo.pnJid, cy.pnJid] });
      expect(stored(own.id)).toEqual({ Yes: [], No: [h.sim.accountJid] });
    } finally {
      store.close();
    }
  });
});

/** A poll the user creates on the phone in the chat with `contact` (a fromMe message on the companion). */
async function ownPoll(h: WorkerHarness, contact: Contact, name: string, options: string[]): Promise<PollRef> {
  const secret = randomBytes(32);
  const id = await h.sim.phoneUser.send(contact.pnJid, {
    pollCreationMessage: { name, options: options.map((optionName) => ({ optionName })), selectableOptionsCount: 1 },
    messageContextInfo: { messageSecret: secret },
  });
  return { id, secret, creatorJid: h.sim.accountJid, creatorIsMe: true, options };
}
