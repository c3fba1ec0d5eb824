import { afterEach, describe, expect, it } from 'vitest';
import type { CommandId, Message } from '../../shared/src/index.js';
import { installCrashHandler } from '../../electron/core/util/crashPoints.js';
import { textOf } from '../sim/peer.js';
import { chatIdOf } from './support/history.js';
import { ACCOUNT_ID, eventually, sleep, WorkerHarness } from './support/workerHarness.js';

function upserted(h: WorkerHarness, id: string): Array<{ message: Message; emittedAt: number }> {
  return h.batches.flatMap((b) =>
    b.events.flatMap((e) =>
      e.type === 'messages.upserted'
        ? e.messages.filter((m) => m.id === id).map((message) => ({ message, emittedAt: b.emittedAt }))
        : [],
    ),
  );
}

describe('AccountWorker: live messages', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    installCrashHandler(() => undefined);
    await h?.teardown();
    h = undefined;
  });

  it('persists an incoming message before its delivery receipt leaves', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    const worker = await h.pairNewWorker();
    const order: string[] = [];
    installCrashHandler((name) => order.push(name));
    const waId = await ana.sendText('hello from ana');
    const messageId = `${ana.pnJid}|${ana.pnJid}|${waId}`;
    const receipt = await h.sim.observed.waitForNode(
      (o) => o.dir === 'in' && o.node.tag === 'receipt' && o.node.attrs.id === waId,
    );
    const rows = await eventually(() => (upserted(h!, messageId).length > 0 ? upserted(h!, messageId) : undefined));
    // Emitted right after the commit, and that happened before the simulator saw the receipt.
    expect(rows[0]!.emittedAt).toBeLessThanOrEqual(receipt.at);
    expect(order.slice(0, 3)).toEqual(['after-decrypt', 'in-store-transaction', 'before-receipt']);
    await eventually(() => order.includes('after-receipt'));
    const page = await worker.pageMessages({
      accountId: ACCOUNT_ID,
      chatId: chatIdOf(ana.pnJid),
      beforeTimestamp: null,
      limit: 10,
    });
    expect(page.messages.map((m) => m.id)).toContain(messageId);
    expect(page.messages.find((m) => m.id === messageId)?.body).toEqual({ kind: 'text', text: 'hello from ana' });
  });

  it('sends a text the contact decrypts exactly once, with its id fixed up front, and tracks receipts', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana', receipts: { delivery: true, read: true, delayMs: 300 } });
    const worker = await h.pairNewWorker();
    const messageId = await worker.sendText(
      { accountId: ACCOUNT_ID, chatId: chatIdOf(ana.pnJid), text: 'hi ana', quotedId: null },
      'cmd-send-1' as CommandId,
    );
    // The pending row exists before anything was sent.
    expect(upserted(h, messageId)[0]?.message.status).toBe('pending');
    const waId = messageId.split('|').at(-1)!;
    const got = await ana.waitForMessage((m) => m.id === waId, 10_000);
    expect(textOf(got.message)).toBe('hi ana');
    await h.waitForEvent(
      (e) => e.type === 'commands.completed' && e.commandId === 'cmd-send-1' && e.error === null,
      10_000,
      true,
    );
    await eventually(() => upserted(h!, messageId).some((r) => r.message.status === 'read'), 10_000);
    const statuses = upserted(h, messageId).map((r) => r.message.status);
    expect(statuses).toContain('delivered');
    // Idempotent command id: asking again returns the same message and sends nothing.
    const again = await worker.sendText(
      { accountId: ACCOUNT_ID, chatId: chatIdOf(ana.pnJid), text: 'hi ana', quotedId: null },
      'cmd-send-1' as CommandId,
    );
    expect(again).toBe(messageId);
    await sleep(500);
    expect(ana.received.filter((m) => m.id === waId)).toHaveLength(1);
  });

  it('keeps a queued command in the outbox across a restart and sends it once', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    const first = await h.pairNewWorker();
    await first.stop();
    // Offline worker: its socket cannot reach the server, so the command waits in the outbox.
    const offline = await h.startWorker({
      socketOverrides: { waWebSocketUrl: 'ws://127.0.0.1:9/ws/chat', defaultQueryTimeoutMs: 1000 },
    });
    const messageId = await offline.sendText(
      { accountId: ACCOUNT_ID, chatId: chatIdOf(ana.pnJid), text: 'queued while offline', quotedId: null },
      'cmd-offline-1' as CommandId,
    );
    await sleep(300);
    await offline.stop();
    const waId = messageId.split('|').at(-1)!;
    expect(ana.received.some((m) => m.id === waId)).toBe(false);

    await h.startWorker();
    const got = await ana.waitForMessage((m) => m.id === waId, 15_000);
    expect(textOf(got.message)).toBe('queued while offline');
    await h.waitForEvent((e) => e.type === 'commands.completed' && e.commandId === 'cmd-offline-1', 10_000, true);
    await sleep(500);
    expect(ana.received.filter((m) => m.id === waId)).toHaveLength(1);
  });
});
