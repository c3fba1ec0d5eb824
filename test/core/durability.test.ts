import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/src/index.js';
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
  let armed = after === undefined;
  installCrashHandler((name) => {
    if (name === after) armed = true;
    if (name === point && armed && !fired) {
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

  it('sends no receipt when the store transaction fails, and stores the redelivered message', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    const worker = await h.pairNewWorker();
    // Let the phone's initial history land first, so the crash hits Ana's message.
    await eventually(() => h!.events().some((e) => e.type === 'sync.changed'));
    const crash = failOnceAt('in-store-transaction', 'after-decrypt');
    const waId = await ana.sendText('must not be lost');
    await eventually(() => crash.hasFired());
    await sleep(500);
    // Rolled back: no row, no delivery receipt (Baileys nacks; the server keeps the stanza).
    const messageId = `${ana.pnJid}|${ana.pnJid}|${waId}`;
    const page = () => worker.pageMessages({ accountId: ACCOUNT_ID, chatId: chatIdOf(ana.pnJid), beforeTimestamp: null, limit: 10 });
    expect((await page()).messages.map((m) => m.id)).not.toContain(messageId);
    expect(h.sim.observed.receiptsFor(waId)).toHaveLength(0);
    const nack = h.sim.observed.received((n) => n.tag === 'ack' && n.attrs.id === waId);
    expect(nack[0]?.node.attrs.error).toBeDefined();

    // The server redelivers a nacked stanza. (The simulator counts any <ack> as acknowledged, so the
    // test redelivers it by hand.) Its Signal keys are spent: Baileys asks the sender to re-encrypt
    // (retry receipt), and the second copy is persisted and receipted.
    const original = h.sim.observed.sent((n) => n.tag === 'message' && n.attrs.id === waId)[0]!.node;
    h.sim.deliver(original);
    await eventually(async () => (await page()).messages.some((m) => m.id === messageId), 15_000);
    await eventually(() => h!.sim.observed.receiptsFor(waId).some((r) => r.attrs.type !== 'retry'));
  });

  it('re-processes a journaled history chunk that a crash interrupted', async () => {
    h = await WorkerHarness.start();
    const worker = await h.pairNewWorker();
    await eventually(() => h!.events().some((e) => e.type === 'sync.changed'));
    const crash = failOnceAt('mid-history-chunk');
    await sendCdnHistoryChunk(h, { syncType: 'RECENT', chunkOrder: 1, progress: 40, conversations: [conversation(BOB, 'J', 3)] });
    await eventually(() => crash.hasFired());
    await sleep(300);
    const chats = await worker.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null });
    expect(chats.map((c) => c.id)).not.toContain(BOB);
    await worker.stop();

    const restarted = await h.startWorker();
    const after = await restarted.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null });
    expect(after.map((c) => c.id)).toContain(BOB);
    const bob = await restarted.pageMessages({ accountId: ACCOUNT_ID, chatId: chatIdOf(BOB), beforeTimestamp: null, limit: 10 });
    expect(bob.messages).toHaveLength(3);
    const sync = (await restarted.summary()).sync as SyncStatus;
    expect(sync.chunksProcessed).toBe(2);
  });
});
