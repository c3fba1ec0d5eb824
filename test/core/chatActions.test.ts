import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent, ChatAction, CommandId, ContactId, Message, MessageId } from '../../shared/src/index.js';
import type { Contact } from '../sim/contact.js';
import { decryptMedia, samplePdf } from '../sim/media/index.js';
import { textOf } from '../sim/peer.js';
import { chatIdOf, conversation } from './support/history.js';
import { ACCOUNT_ID, eventually, WorkerHarness } from './support/workerHarness.js';

let n = 0;
const cmd = (): CommandId => `act-cmd-${++n}` as CommandId;

function completed(h: WorkerHarness, commandId: CommandId): Promise<BridgeEvent> {
  return h.waitForEvent((e) => e.type === 'commands.completed' && e.commandId === commandId, 20_000, true);
}

async function messagesOf(h: WorkerHarness, chatId: string): Promise<Message[]> {
  const page = await h.worker!.pageMessages({
    accountId: ACCOUNT_ID,
    chatId: chatIdOf(chatId),
    beforeTimestamp: null,
    limit: 100,
  });
  return page.messages;
}

async function chatOf(h: WorkerHarness, chatId: string) {
  const chats = await h.worker!.listChats({ accountId: ACCOUNT_ID, limit: 50, beforeActivity: null });
  return chats.find((c) => c.id === chatId);
}

const incomingId = (c: Contact, waId: string): MessageId => `${c.pnJid}|${c.pnJid}|${waId}` as MessageId;

describe('AccountWorker: replies, forwards, documents and aliases', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('sends a quoted reply, a forward and a document that the contacts decrypt as such', async () => {
    h = await WorkerHarness.start();
    const [ana, bo] = ['Ana', 'Bo'].map((pushName) => h!.sim.addContact({ pushName })) as [Contact, Contact];
    const worker = await h.pairNewWorker();
    const question = await ana.sendText('are you coming tonight?');
    await eventually(async () => (await messagesOf(h!, ana.pnJid)).length === 1);

    const reply = cmd();
    const replyId = await worker.sendText(
      { accountId: ACCOUNT_ID, chatId: chatIdOf(ana.pnJid), text: 'yes!', quotedId: incomingId(ana, question) },
      reply,
    );
    expect(await completed(h, reply)).toMatchObject({ error: null });
    const got = await ana.waitForMessage((m) => m.id === replyId.split('|').at(-1), 10_000);
    expect(textOf(got.message)).toBe('yes!');
    expect(got.message.extendedTextMessage?.contextInfo).toMatchObject({
      stanzaId: question,
      participant: ana.pnJid,
      quotedMessage: { conversation: 'are you coming tonight?' },
    });
    // The pending row shows the quote at once (not only after the server echo), and it stays.
    const copies = h.events().flatMap((e) => (e.type === 'messages.upserted' ? e.messages : []));
    const pending = copies.find((m) => m.id === replyId);
    expect(pending?.status).toBe('pending');
    const quote = { id: incomingId(ana, question), senderId: ana.pnJid, preview: 'are you coming tonight?' };
    expect(pending?.quoted).toEqual(quote);
    const stored = await eventually(async () =>
      (await messagesOf(h!, ana.pnJid)).find((m) => m.id === replyId && m.status !== 'pending'),
    );
    expect(stored.quoted).toEqual(quote);

    // Forward Ana's question to Bo: a new chat, flagged as forwarded on both ends.
    const fwd = cmd();
    const fwdId = await worker.forward(
      {
        accountId: ACCOUNT_ID,
        chatId: chatIdOf(ana.pnJid),
        messageId: incomingId(ana, question),
        toChatId: chatIdOf(bo.pnJid),
      },
      fwd,
    );
    expect(await completed(h, fwd)).toMatchObject({ error: null });
    const forwarded = await bo.waitForMessage((m) => m.id === fwdId.split('|').at(-1), 10_000);
    expect(textOf(forwarded.message)).toBe('are you coming tonight?');
    expect(forwarded.message.extendedTextMessage?.contextInfo?.isForwarded).toBe(true);
    const boCopy = await eventually(async () => (await messagesOf(h!, bo.pnJid)).find((m) => m.id === fwdId));
    expect(boCopy).toMatchObject({ isFromMe: true, isForwarded: true, body: { kind: 'text' } });

    // A document with its file name and caption; the contact gets the same bytes.
    const pdf = samplePdf();
    const doc = cmd();
    const docId = await worker.sendAttachment(
      {
        accountId: ACCOUNT_ID,
        chatId: chatIdOf(bo.pnJid),
        kind: 'document',
        fileName: 'plan.pdf',
        mimeType: 'application/pdf',
        dataBase64: Buffer.from(pdf).toString('base64'),
        caption: 'the plan',
      },
      doc,
    );
    expect(await completed(h, doc)).toMatchObject({ error: null });
    const docMsg = await bo.waitForMessage((m) => m.id === docId.split('|').at(-1), 10_000);
    const document =
      docMsg.message.documentMessage ?? docMsg.message.documentWithCaptionMessage?.message?.documentMessage;
    expect(document).toMatchObject({ fileName: 'plan.pdf', mimetype: 'application/pdf' });
    const blob = h.cdn.get(document!.directPath!)!.body;
    expect(Buffer.compare(await decryptMedia(blob, document!.mediaKey!, 'document'), Buffer.from(pdf))).toBe(0);
    const docRow = await eventually(async () =>
      (await messagesOf(h!, bo.pnJid)).find((m) => m.id === docId && m.status !== 'pending'),
    );
    expect(docRow.body).toMatchObject({
      kind: 'media',
      caption: 'the plan',
      media: { kind: 'document', fileName: 'plan.pdf' },
    });
  });

  it('sets and clears a contact alias that survives a restart and outranks the push name', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    const worker = await h.pairNewWorker();
    await ana.sendText('hi');
    await eventually(async () => (await messagesOf(h!, ana.pnJid)).length === 1);
    const named = await worker.setAlias(ana.pnJid as ContactId, 'Ana from work');
    expect(named.names[0]).toEqual({ source: 'alias', name: 'Ana from work' });
    expect(named.names).toContainEqual({ source: 'pushName', name: 'Ana' });
    // Committed and emitted like any other change.
    await h.waitForEvent(
      (e) => e.type === 'contacts.upserted' && e.contacts.some((c) => c.names.some((x) => x.source === 'alias')),
      5_000,
      true,
    );
    await worker.stop();
    const again = await h.startWorker();
    await h.waitForConnection('open', 20_000);
    const kept = await again.setAlias(ana.pnJid as ContactId, 'Ana from work');
    expect(kept.names.filter((x) => x.source === 'alias')).toEqual([{ source: 'alias', name: 'Ana from work' }]);
    const cleared = await again.setAlias(ana.pnJid as ContactId, null);
    expect(cleared.names.some((x) => x.source === 'alias')).toBe(false);
    expect(cleared.names).toContainEqual({ source: 'pushName', name: 'Ana' });
  });
});

describe('AccountWorker: chat actions through app state', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('counts unread messages, and archive, mute and mark-unread/read round-trip to the phone', async () => {
    const ANA = '15550002001@s.whatsapp.net';
    h = await WorkerHarness.start({
      sim: {
        appState: true,
        initialHistory: { syncType: 'INITIAL_BOOTSTRAP', progress: 100, conversations: [conversation(ANA, 'S', 1)] },
      },
    });
    const ana = h.sim.addContact({ pn: '15550002001', pushName: 'Ana' });
    const worker = await h.pairNewWorker();
    await eventually(() => h!.events().some((e) => e.type === 'sync.changed'));
    const before = (await chatOf(h, ANA))?.unreadCount ?? 0;
    for (const text of ['one', 'two', 'three']) await ana.sendText(text);
    await eventually(async () => (await messagesOf(h!, ANA)).length === 4);
    // Each live message adds one (Baileys reports them as +1 deltas, not totals).
    await eventually(async () => (await chatOf(h!, ANA))?.unreadCount === before + 3);

    const run = async (action: ChatAction) => {
      const id = cmd();
      await worker.modifyChat(chatIdOf(ANA), action, id);
      expect(await completed(h!, id)).toMatchObject({ error: null });
    };
    await run({ type: 'archive', value: true });
    expect(h.sim.appState.valueOf('regular_low', ['archive', ANA])?.archiveChatAction?.archived).toBe(true);
    expect((await chatOf(h, ANA))?.isArchived).toBe(true);

    const until = Date.now() + 3_600_000;
    await run({ type: 'mute', untilMs: until });
    expect(Number(h.sim.appState.valueOf('regular_high', ['mute', ANA])?.muteAction?.muteEndTimestamp)).toBe(until);
    expect((await chatOf(h, ANA))?.mutedUntil).toBe(until);

    await run({ type: 'markUnread' });
    expect(h.sim.appState.valueOf('regular_low', ['markChatAsRead', ANA])?.markChatAsReadAction?.read).toBe(false);
    expect((await chatOf(h, ANA))?.isMarkedUnread).toBe(true);

    await run({ type: 'markRead' });
    expect(await chatOf(h, ANA)).toMatchObject({ unreadCount: 0, isMarkedUnread: false });

    await run({ type: 'archive', value: false });
    await run({ type: 'mute', untilMs: null });
    expect(await chatOf(h, ANA)).toMatchObject({ isArchived: false, mutedUntil: null });
    expect(h.sim.appState.valueOf('regular_low', ['archive', ANA])?.archiveChatAction?.archived).toBe(false);
    // The server accepted every patch (MACs and LT-hash verified).
    expect(h.sim.appState.rejected).toEqual([]);
  });
});
