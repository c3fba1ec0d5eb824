import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatId, ContactId, Message, MessageDraft } from '../../../shared/src/index.js';
import type { AccountStore } from './AccountStore.js';
import type { StoreOp } from './batchOps.js';
import { optionHash } from './pollVotes.js';
import type { TempProfile } from './storeFixtures.js';
import { makeMessage, makeTempProfile, openTestStore } from './storeFixtures.js';

const LID = '98765432101234@lid';
const PN = '4915550123@s.whatsapp.net';
const BO = '4915550002@s.whatsapp.net' as ContactId;
const GROUP = '120363000000000009@g.us' as ChatId;

const poll = (chatId: string, id: string, senderId: string): MessageDraft =>
  makeMessage({
    chatId: chatId as ChatId,
    id: id as Message['id'],
    senderId: senderId as ContactId,
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

const vote = (chatId: string, pollId: string, voterId: string, option: string, votedAt: number): StoreOp => ({
  type: 'poll.vote',
  vote: { chatId, pollId, voterId, optionHashesHex: [optionHash(option)], encryptedJson: null, votedAt },
});

function tally(store: AccountStore, chatId: string, id: string): Record<string, readonly string[]> {
  const body = store.getMessage(chatId, id)?.body;
  if (body?.kind !== 'poll') throw new Error(`no poll ${chatId} ${id}`);
  return Object.fromEntries(body.options.map((o) => [o.name, o.voters]));
}

describe('poll votes when a LID is learned to be a phone number', () => {
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

  it('moves the LID chat’s votes and the LID voter’s votes to the phone number, newest vote winning', () => {
    store.applyBatch([
      { type: 'message.upsert', message: poll(LID, 'P1', LID) },
      { type: 'message.upsert', message: poll(GROUP, 'G1', BO) },
      vote(LID, 'P1', LID, 'Pizza', 10),
      // In the group the same person voted under both ids; the PN vote is the newer one.
      vote(GROUP, 'G1', LID, 'Pizza', 10),
      vote(GROUP, 'G1', PN, 'Sushi', 20),
      vote(GROUP, 'G1', BO, 'Pizza', 15),
    ]);
    expect(tally(store, LID, 'P1')).toEqual({ Pizza: [LID], Sushi: [] });
    expect(tally(store, GROUP, 'G1')).toEqual({ Pizza: [LID, BO], Sushi: [PN] });

    store.recordLidMapping(LID, PN, 'test');
    expect(tally(store, PN, 'P1')).toEqual({ Pizza: [PN], Sushi: [] });
    expect(tally(store, GROUP, 'G1')).toEqual({ Pizza: [BO], Sushi: [PN] });

    // A later vote addressed to the PN chat replaces the moved one instead of adding a second voter.
    store.applyBatch([vote(PN, 'P1', PN, 'Sushi', 30)]);
    expect(tally(store, PN, 'P1')).toEqual({ Pizza: [], Sushi: [PN] });
    // And an older vote still under the LID loses against it.
    store.applyBatch([vote(LID, 'P1', LID, 'Pizza', 25)]);
    expect(tally(store, PN, 'P1')).toEqual({ Pizza: [], Sushi: [PN] });
  });

  it('re-keys message ids that name the LID, so later reactions and votes by phone-number ids find them', () => {
    const direct = `${LID}|${LID}|P3`;
    const inGroup = `${GROUP}|${LID}|G3`;
    store.applyBatch([
      { type: 'message.upsert', message: poll(LID, direct, LID) },
      { type: 'message.upsert', message: poll(GROUP, inGroup, LID) },
      vote(LID, direct, LID, 'Pizza', 10),
      vote(GROUP, inGroup, BO, 'Sushi', 10),
    ]);
    const result = store.recordLidMapping(LID, PN, 'test');
    expect(store.getMessage(PN, `${PN}|${PN}|P3`)?.senderId).toBe(PN);
    expect(store.getMessage(GROUP, `${GROUP}|${PN}|G3`)?.senderId).toBe(PN);
    expect(store.getMessage(GROUP, inGroup)).toBeUndefined();
    expect(tally(store, PN, `${PN}|${PN}|P3`)).toEqual({ Pizza: [PN], Sushi: [] });
    expect(tally(store, GROUP, `${GROUP}|${PN}|G3`)).toEqual({ Pizza: [], Sushi: [BO] });
    const removed = result.changes.flatMap((c) => (c.kind === 'removed' ? [`${c.entity}:${c.id}`] : []));
    expect(removed).toEqual(expect.arrayContaining([`message:${direct}`, `message:${inGroup}`]));
  });

  it('keeps the newer vote when both ids voted in the merged 1:1 chat', () => {
    store.applyBatch([
      { type: 'message.upsert', message: poll(LID, 'P2', LID) },
      vote(LID, 'P2', LID, 'Sushi', 50),
      vote(PN, 'P2', PN, 'Pizza', 40),
    ]);
    store.recordLidMapping(LID, PN, 'test');
    expect(tally(store, PN, 'P2')).toEqual({ Pizza: [], Sushi: [PN] });
  });
});
