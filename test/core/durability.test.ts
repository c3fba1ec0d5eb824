import { afterEach, describe, expect, it } from 'vitest';
import { installCrashHandler } from '../../electron/core/util/crashPoints.js';
import type { CrashPointName } from '../../electron/core/util/crashPoints.js';
import { chatIdOf, conversation, sendCdnHistoryChunk } from './support/history.js';
import { ACCOUNT_ID, eventually, sleep, WorkerHarness } from './support/workerHarness.js';

const BOB = '15550002002@s.whatsapp.net';

/**
 * Throws once at `point` (the in-process stand-in for the crash-soak SIGKILL); with `after`, only
 * once that point was passed first (e.g. the store transaction of a just-decrypted message).
 */
function failOnceAt(point: CrashPointName, after?: CrashPointName): { readonly hasFired: () => boolean } {
  let fired = false;
  let previous: CrashPointName | undefined;
  installCrashHandler((name) => {
    // beforeReceipt runs synchronously from 'after-decrypt' to its transaction: the point right
    // after it belongs to the same message.
    const isArmed = after === undefined || previous === after;
    previous = name;
    if (name === point && isArmed && !fired) {
      fired = true;
      throw new Error(`simulated crash at ${name}`);
    }
  });
  return { hasFired: () => fired };
}

describe('AccountWorker: nothing delivered is lost', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    installCrashHandler(() => undefined);
    await h?.teardown();
    h = undefined;
  });

  /** Ana sends one text; the worker's store transaction for it fails once (a crash stand-in). */
  async function failFirstPersist(harness: WorkerHarness) {
    const ana = harness.sim.addContact({ pushName: 'Ana' });
    const worker = await harness.pairNewWorker();
    // Let the phone's initial history land first, so the failure hits Ana's message.
    await eventually(() => harness.events().some((e) => e.type === 'sync.changed'));
    const crash = failOnceAt('in-store-transaction', 'after-decrypt');
    const waId = await ana.sendText('must not be lost');
    await eventually(() => crash.hasFired());
    await sleep(300);
    const messageId = `${ana.pnJid}|${ana.pnJid}|${waId}`;
    const page = () =>
      worker.pageMessages({ accountId: ACCOUNT_ID, chatId: chatIdOf(ana.pnJid), beforeTimestamp: null, limit: 10 });
    return { waId, messageId, page };
  }

  it('sends no delivery receipt (but a nack) when the store transaction of a message fails', async () => {
    h = await WorkerHarness.start();
    const { waId, messageId, page } = await failFirstPersist(h);
    expect((await page()).messages.map((m) => m.id)).not.toContain(messageId);
    expect(h.sim.observed.receiptsFor(waId)).toHaveLength(0);
    const nack = h.sim.observed.received((n) => n.tag === 'ack' && n.attrs.id === waId);
    expect(nack[0]?.node.attrs.error).toBeDefined();
  });

  it('stores and receipts the server redelivery of a message whose first persist failed', async () => {
    h = await WorkerHarness.start();
    const { waId, messageId, page } = await failFirstPersist(h);
    expect((await page()).messages.map((m) => m.id)).not.toContain(messageId);
    // The patch runs decrypt + beforeReceipt in one key transaction: the failed persist rolled the
    // ratchet back too, so the redelivered copy decrypts again. (The simulator counts any <ack>,
    // even a nack, as acknowledged and never redelivers by itself, so the test does it by hand.)
    const original = h.sim.observed.sent((n) => n.tag === 'message' && n.attrs.id === waId)[0]!.node;
    h.sim.deliver(original);
    await eventually(async () => (await page()).messages.some((m) => m.id === messageId));
    await eventually(() => h!.sim.observed.receiptsFor(waId).length > 0);
  });

  it('re-processes a journaled history chunk that a crash interrupted', async () => {
    h = await WorkerHarness.start();
    const worker = await h.pairNewWorker();
    await eventually(() => h!.events().some((e) => e.type === 'sync.changed'));
    const crash = failOnceAt('mid-history-chunk');
    await sendCdnHistoryChunk(h, {
      syncType: 'RECENT',
      chunkOrder: 1,
      progress: 40,
      conversations: [conversation(BOB, 'J', 3)],
    });
    await eventually(() => crash.hasFired());
    await sleep(300);
    const chats = await worker.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null });
    expect(chats.map((c) => c.id)).not.toContain(BOB);
    await worker.stop();

    const restarted = await h.startWorker();
    const after = await restarted.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null });
    expect(after.map((c) => c.id)).toContain(BOB);
    const bob = await restarted.pageMessages({
      accountId: ACCOUNT_ID,
      chatId: chatIdOf(BOB),
      beforeTimestamp: null,
      limit: 10,
    });
    expect(bob.messages).toHaveLength(3);
    const sync = (await restarted.summary()).sync;
    expect(sync.chunksProcessed).toBe(2);
  });
});
