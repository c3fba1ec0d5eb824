import { afterEach, describe, expect, it } from 'vitest';
import { chatIdOf } from './support/history.js';
import { ACCOUNT_ID, eventually, WorkerHarness } from './support/workerHarness.js';

describe('AccountWorker: message order within one second', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('returns a burst of five texts sharing one timestamp in the order the contact sent them', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    const worker = await h.pairNewWorker();
    // WhatsApp timestamps have one-second resolution: a quick burst shares one.
    const timestampS = Math.floor(Date.now() / 1000);
    const texts = ['one', 'two', 'three', 'four', 'five'];
    const waIds: string[] = [];
    for (const text of texts) waIds.push(await ana.sendText(text, { timestampS }));
    const chatId = chatIdOf(ana.pnJid);
    const page = await eventually(async () => {
      const p = await worker.pageMessages({ accountId: ACCOUNT_ID, chatId, beforeTimestamp: null, limit: 10 });
      return p.messages.length === texts.length ? p : undefined;
    }, 15_000);

    expect(new Set(page.messages.map((m) => m.timestamp))).toEqual(new Set([timestampS * 1000]));
    const oldestFirst = [...page.messages].reverse();
    expect(oldestFirst.map((m) => (m.body.kind === 'text' ? m.body.text : m.body.kind))).toEqual(texts);
    expect(oldestFirst.map((m) => m.id.split('|').at(-1))).toEqual(waIds);
    // The chat list shows the last one sent, not whichever id sorts highest.
    const chat = (await worker.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null })).find(
      (c) => c.id === chatId,
    );
    expect(chat?.preview?.text).toBe('five');

    // Paging inside the second with the oldest shown message's order key neither skips nor repeats.
    const newest = await worker.pageMessages({ accountId: ACCOUNT_ID, chatId, beforeTimestamp: null, limit: 2 });
    const last = newest.messages.at(-1)!;
    const older = await worker.pageMessages({
      accountId: ACCOUNT_ID,
      chatId,
      beforeTimestamp: last.timestamp,
      beforeOrderKey: last.orderKey,
      limit: 10,
    });
    expect([...newest.messages, ...older.messages].map((m) => m.id)).toEqual(page.messages.map((m) => m.id));
  });
});
