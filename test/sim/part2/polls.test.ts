import { decryptPollVote, getAggregateVotesInPollMessage } from '@whiskeysockets/baileys';
import type { WAMessage } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../contact.js';
import type { SimGroup } from '../groups/index.js';
import { startPairedWorld } from '../testing/fixtures.js';
import type { PairedWorld } from '../testing/fixtures.js';

describe('polls and encrypted votes', () => {
  let w: PairedWorld;
  let ana: Contact;
  let bo: Contact;
  let cy: Contact;
  let team: SimGroup;
  beforeAll(async () => {
    w = await startPairedWorld({
      beforePair: (sim) => {
        [ana, bo, cy] = ['Ana', 'Bo', 'Cy'].map((pushName) => sim.addContact({ pushName })) as [
          Contact,
          Contact,
          Contact,
        ];
        team = sim.groups.create({ subject: 'Lunch crew', members: [ana, bo, cy] });
      },
    });
  });
  afterAll(async () => {
    await w.teardown();
  });

  /** What an app does with a vote upsert: decrypt with the poll's secret and the signing jids. */
  function tally(creation: WAMessage, creatorJid: string, votes: readonly { msg: WAMessage; voterJid: string }[]) {
    const secret = creation.message?.messageContextInfo?.messageSecret;
    if (!secret) throw new Error('poll without messageSecret');
    const pollUpdates = votes.map(({ msg, voterJid }) => ({
      pollUpdateMessageKey: msg.key,
      vote: decryptPollVote(msg.message!.pollUpdateMessage!.vote!, {
        pollCreatorJid: creatorJid,
        pollMsgId: creation.key.id!,
        pollEncKey: secret,
        voterJid,
      }),
    }));
    return getAggregateVotesInPollMessage({ message: creation.message!, pollUpdates }, w.sim.accountJid).map((o) => [
      o.name,
      o.voters.length,
    ]);
  }

  it('delivers a group poll from a contact and votes the app decrypts and tallies', async () => {
    const poll = await w.sim.polls.create(ana, 'Where?', ['Sushi', 'Tacos', 'Pho'], { group: team });
    const creation = await w.upserts.byId(poll.id);
    expect(creation.message?.pollCreationMessage?.name).toBe('Where?');
    const votes = [];
    for (const [voter, choice] of [
      [ana, ['Tacos']],
      [bo, ['Tacos', 'Pho']],
      [cy, ['Sushi']],
    ] as const) {
      const msg = await w.upserts.byId(await w.sim.polls.vote(voter, poll, choice));
      expect(msg.message?.pollUpdateMessage?.pollCreationMessageKey?.id).toBe(poll.id);
      votes.push({ msg, voterJid: w.sim.groups.memberJid(team, voter) });
    }
    expect(tally(creation, ana.lidJid, votes)).toEqual([
      ['Sushi', 1],
      ['Tacos', 2],
      ['Pho', 1],
    ]);
  });

  it('lets a contact vote on a poll the app created', async () => {
    const sent = await w.client.sock.sendMessage(ana.pnJid, {
      poll: { name: 'Friday?', values: ['Yes', 'No'], selectableCount: 1 },
    });
    const poll = await w.sim.polls.fromApp(ana, sent!.key.id!);
    expect(poll.options).toEqual(['Yes', 'No']);
    const vote = await w.upserts.byId(await w.sim.polls.vote(ana, poll, ['Yes']));
    // Baileys rewrites the key to its own point of view: its own poll, in the chat with ana.
    expect(vote.message?.pollUpdateMessage?.pollCreationMessageKey).toMatchObject({
      id: sent!.key.id,
      fromMe: true,
      remoteJid: ana.pnJid,
    });
    expect(tally(sent!, w.sim.accountJid, [{ msg: vote, voterJid: ana.pnJid }])).toEqual([
      ['Yes', 1],
      ['No', 0],
    ]);
  });
});
