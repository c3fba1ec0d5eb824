import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent, CommandId } from '../../shared/src/index.js';
import { decryptMedia } from '../sim/media/index.js';
import { textOf } from '../sim/peer.js';
import { samplePhoto } from '../sim/media/sampleFiles.js';
import { chatIdOf, conversation } from './support/history.js';
import { ACCOUNT_ID, eventually, WorkerHarness } from './support/workerHarness.js';

let n = 0;
const cmd = (): CommandId => `cmd-${++n}` as CommandId;

function completed(h: WorkerHarness, commandId: CommandId): Promise<BridgeEvent> {
  return h.waitForEvent((e) => e.type === 'commands.completed' && e.commandId === commandId, 15_000, true);
}

describe('AccountWorker: commands', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('starts a chat with a number, then sends an image, a reaction, an edit and a delete in order', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    const worker = await h.pairNewWorker();
    const chatId = await worker.startChat(`+${ana.pn}`);
    expect(chatId).toBe(ana.pnJid);
    expect(
      (await worker.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null })).map((c) => c.id),
    ).toContain(chatId);
    await expect(worker.startChat('+19999999999')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const photo = samplePhoto(3);
    const imageCmd = cmd();
    const imageId = await worker.sendAttachment(
      {
        accountId: ACCOUNT_ID,
        chatId,
        kind: 'image',
        fileName: 'p.jpg',
        mimeType: 'image/jpeg',
        dataBase64: Buffer.from(photo).toString('base64'),
        caption: 'look',
      },
      imageCmd,
    );
    const textId = await worker.sendText({ accountId: ACCOUNT_ID, chatId, text: 'first', quotedId: null }, cmd());
    const reactCmd = cmd();
    await worker.react({ accountId: ACCOUNT_ID, chatId, messageId: textId, emoji: '👍' }, reactCmd);
    const editCmd = cmd();
    await worker.edit({ accountId: ACCOUNT_ID, chatId, messageId: textId, text: 'first (edited)' }, editCmd);
    const deleteCmd = cmd();
    await worker.deleteForEveryone({ accountId: ACCOUNT_ID, chatId, messageId: imageId }, deleteCmd);
    for (const id of [imageCmd, reactCmd, editCmd, deleteCmd]) {
      expect(await completed(h, id)).toMatchObject({ error: null });
    }
    // The contact got them in the order they were issued (serial lane).
    await eventually(() => ana.received.length >= 5);
    const kinds = ana.received.map((m) => Object.keys(m.message.toJSON()).find((k) => k !== 'messageContextInfo'));
    expect(kinds.slice(0, 5)).toEqual([
      'imageMessage',
      'extendedTextMessage',
      'reactionMessage',
      'protocolMessage',
      'protocolMessage',
    ]);
    const image = ana.received[0]!.message.imageMessage!;
    const blob = h.cdn.get(image.directPath!)!.body;
    expect(Buffer.compare(await decryptMedia(blob, image.mediaKey!, 'image'), Buffer.from(photo))).toBe(0);
    expect(textOf(ana.received[1]!.message)).toBe('first');
    // Our own reaction, edit and delete came back as socket echoes and updated the archive.
    const page = await eventually(async () => {
      const p = await worker.pageMessages({ accountId: ACCOUNT_ID, chatId, beforeTimestamp: null, limit: 10 });
      const text = p.messages.find((m) => m.id === textId);
      const image = p.messages.find((m) => m.id === imageId);
      return text?.editedAt !== null && text?.reactions.length && image?.body.kind === 'deleted' ? p : undefined;
    });
    const text = page.messages.find((m) => m.id === textId)!;
    expect(text.body).toEqual({ kind: 'text', text: 'first (edited)' });
    expect(text.reactions.map((r) => r.emoji)).toEqual(['👍']);
    expect(page.messages.find((m) => m.id === imageId)?.body.kind).toBe('deleted');
  });

  it('answers NOT_CONNECTED for a start-chat while offline and rate-limits older-history requests', async () => {
    h = await WorkerHarness.start({
      sim: {
        initialHistory: {
          syncType: 'INITIAL_BOOTSTRAP',
          progress: 100,
          conversations: [conversation('15550002001@s.whatsapp.net', 'O', 2)],
        },
      },
      // Long enough that a loaded CI machine cannot outwait it between the two requests.
      tuning: { olderHistoryCooldownMs: 60_000 },
    });
    const worker = await h.pairNewWorker();
    await eventually(() => h!.events().some((e) => e.type === 'sync.changed'));
    const chatId = chatIdOf('15550002001@s.whatsapp.net');
    const first = cmd();
    await worker.requestOlderHistory(chatId, first);
    expect(await completed(h, first)).toMatchObject({ error: null });
    await expect(worker.requestOlderHistory(chatId, cmd())).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // The on-demand request went to the phone as a peer data operation.
    await eventually(() =>
      h!.sim.phone.received.some(
        (m) => (m.message.deviceSentMessage?.message ?? m.message).protocolMessage?.peerDataOperationRequestMessage,
      ),
    );

    const closed = h.waitForEvent(
      (e) => e.type === 'connection.changed' && e.state.kind === 'closed' && e.state.reason === 'openedElsewhere',
    );
    h.sim.faults.conflict();
    await closed;
    await expect(worker.startChat('+15550002001')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });
});
