import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactId, MessageDraft } from '../../../shared/src/index.js';
import type { AccountStore } from './AccountStore.js';
import type { StoreOp } from './batchOps.js';
import { optionHash } from './pollVotes.js';
import type { TempProfile } from './storeFixtures.js';
import { makeMessage, makeTempProfile, openTestStore } from './storeFixtures.js';

const ANA = '4915550001@s.whatsapp.net' as ContactId;
const BO = '4915550002@s.whatsapp.net' as ContactId;

const pollMessage = (): MessageDraft =>
  makeMessage({
    body: {
      kind: 'poll',
      question: 'Lunch?',
      options: [
        { name: 'Pizza', voters: [] },
        { name: 'Sushi', voters: [] },
      ],
      selectableCount: 1,
    },
  });

const vote = (poll: MessageDraft, voterId: ContactId, options: string[] | null, votedAt: number): StoreOp => ({
  type: 'poll.vote',
  vote: {
    chatId: poll.chatId,
    pollId: poll.id,
    voterId,
    optionHashesHex: options === null ? null : options.map(optionHash),
    encryptedJson: options === null ? '{"kind":"encrypted"}' : null,
    votedAt,
  },
});

function tally(store: AccountStore, poll: MessageDraft): Record<string, readonly string[]> {
  const body = store.getMessage(poll.chatId, poll.id)?.body;
  if (body?.kind !== 'poll') throw new Error('not a poll');
  return Object.fromEntries(body.options.map((o) => [o.name, o.voters]));
}

describe('poll votes', () => {
  let profile: TempProfile;
  let store: AccountStore;
  beforeEach(async () => {
    profile = makeTempProfile();
    store = await openTestStore(profile.accountDir);
  });
  afterEach(() => {
    store.close();
    profile.cleanup();
  });

  it('tallies voters per option and reports the poll as a changed message', () => {
    const poll = pollMessage();
    store.applyBatch([{ type: 'message.upsert', message: poll }]);
    const result = store.applyBatch([vote(poll, ANA, ['Sushi'], 10), vote(poll, BO, ['Sushi'], 11)]);
    expect(tally(store, poll)).toEqual({ Pizza: [], Sushi: [ANA, BO] });
    const changed = result.changes.flatMap((c) => (c.kind === 'message' ? [c.message] : []));
    expect(changed).toHaveLength(1);
    expect(changed[0]?.body).toEqual(store.getMessage(poll.chatId, poll.id)?.body);
  });

  it('keeps the newest vote per voter, whatever order votes arrive in', () => {
    const poll = pollMessage();
    store.applyBatch([{ type: 'message.upsert', message: poll }]);
    store.applyBatch([vote(poll, ANA, ['Pizza'], 20)]);
    store.applyBatch([vote(poll, ANA, ['Sushi'], 10)]); // older, arrives late (history)
    expect(tally(store, poll)).toEqual({ Pizza: [ANA], Sushi: [] });
    store.applyBatch([vote(poll, ANA, [], 30)]); // withdrawn
    expect(tally(store, poll)).toEqual({ Pizza: [], Sushi: [] });
  });

  it('counts a vote that overtook its poll once the poll arrives, and again after the poll is re-delivered', () => {
    const poll = pollMessage();
    store.applyBatch([vote(poll, BO, ['Pizza'], 5)]);
    store.applyBatch([{ type: 'message.upsert', message: poll }]);
    expect(tally(store, poll)).toEqual({ Pizza: [BO], Sushi: [] });
    store.applyBatch([{ type: 'message.upsert', message: poll }]); // the same poll again, voters empty
    expect(tally(store, poll)).toEqual({ Pizza: [BO], Sushi: [] });
  });

  it('does not let an undecrypted copy replace a decrypted vote of the same moment, nor count it', () => {
    const poll = pollMessage();
    store.applyBatch([{ type: 'message.upsert', message: poll }]);
    store.applyBatch([vote(poll, ANA, ['Sushi'], 10), vote(poll, ANA, null, 10), vote(poll, BO, null, 12)]);
    expect(tally(store, poll)).toEqual({ Pizza: [], Sushi: [ANA] });
  });
});
