import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/src/index.js';
import { historyMessage } from '../sim/history/index.js';
import { ACCOUNT_ID, eventually, WorkerHarness } from './support/workerHarness.js';

const T0_S = 1_760_000_000;
const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

describe('AccountWorker: a LID chat learned to be a phone number later', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('folds the LID chat, its messages and its poll votes into the phone-number chat', async () => {
    h = await WorkerHarness.start({ sim: { initialHistory: false } });
    const ana = h.sim.addContact({ pushName: 'Ana' });
    const worker = await h.pairNewWorker();
    const lid = ana.lidJid;
    // The phone's first chunk files Ana under her LID only, with a poll she voted on.
    const poll = {
      key: { remoteJid: lid, fromMe: false, id: 'POLL1' },
      messageTimestamp: T0_S + 60,
      message: {
        pollCreationMessageV3: {
          name: 'Lunch?',
          options: [{ optionName: 'Pizza' }, { optionName: 'Sushi' }],
          selectableOptionsCount: 1,
        },
        messageContextInfo: { messageSecret: randomBytes(32) },
      },
      pollUpdates: [
        {
          pollUpdateMessageKey: { remoteJid: lid, fromMe: false, id: 'VOTE1' },
          vote: { selectedOptions: [sha256('Sushi')] },
          senderTimestampMs: (T0_S + 120) * 1000,
        },
      ],
    };
    await h.sim.sendHistoryInline({
      syncType: 'INITIAL_BOOTSTRAP',
      progress: 50,
      conversations: [
        {
          id: lid,
          messages: [historyMessage({ remoteJid: lid, id: 'HELLO', timestamp: T0_S, text: 'hello from my lid' }), poll],
        },
      ],
    });
    const lidChats = await eventually(async () => {
      const chats = await worker.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null });
      return chats.length > 0 ? chats : undefined;
    });
    expect(lidChats.map((c) => c.id)).toEqual([lid]);

    // A later chunk carries the LID ↔ number mapping.
    await h.sim.sendHistoryInline({
      syncType: 'RECENT',
      chunkOrder: 1,
      progress: 100,
      phoneNumberToLidMappings: [{ pnJid: ana.pnJid, lidJid: lid }],
      conversations: [
        {
          id: ana.pnJid,
          messages: [historyMessage({ remoteJid: ana.pnJid, id: 'LATER', timestamp: T0_S + 300, text: 'later' })],
        },
      ],
    });
    const chats = await eventually(async () => {
      const list = await worker.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null });
      return list.length === 1 && list[0]?.id === ana.pnJid ? list : undefined;
    });
    expect(chats[0]?.preview?.text).toBe('later');
    const page = await worker.pageMessages({
      accountId: ACCOUNT_ID,
      chatId: chats[0]!.id,
      beforeTimestamp: null,
      limit: 10,
    });
    expect(page.messages.map((m) => m.id.split('|').at(-1)).sort()).toEqual(['HELLO', 'LATER', 'POLL1']);
    const moved = page.messages.find((m) => m.id.endsWith('|POLL1')) as Message;
    expect(moved.body.kind === 'poll' && moved.body.options).toEqual([
      { name: 'Pizza', voters: [] },
      { name: 'Sushi', voters: [ana.pnJid] },
    ]);
    // Live messages name the moved ones by the phone-number ids: a reaction lands on them.
    await ana.send({ kind: 'reaction', emoji: '👍', target: { id: 'HELLO', fromMe: true } });
    const reacted = await eventually(async () => {
      const p = await worker.pageMessages({
        accountId: ACCOUNT_ID,
        chatId: chats[0]!.id,
        beforeTimestamp: null,
        limit: 10,
      });
      return p.messages.find((m) => m.id.endsWith('|HELLO') && m.reactions.length > 0);
    }, 5_000);
    expect(reacted.id).toBe(`${ana.pnJid}|${ana.pnJid}|HELLO`);
    // The removed LID chat was announced, so a window's cache drops it too.
    expect(h.events().some((e) => e.type === 'chats.removed' && e.chatIds.includes(lid as never))).toBe(true);
  });
});
