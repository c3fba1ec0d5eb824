import { afterEach, describe, expect, it } from 'vitest';
import type { ContactId, Message, MessageBody } from '../../shared/src/index.js';
import type { Contact } from '../sim/contact.js';
import type { MediaKindName } from '../sim/simMedia.js';
import { chatIdOf } from './support/history.js';
import { ACCOUNT_ID, eventually, WorkerHarness } from './support/workerHarness.js';

/** The archived message with this WhatsApp id in the contact's chat (as the timeline pages it). */
async function stored(h: WorkerHarness, contact: Contact, waId: string): Promise<Message | undefined> {
  const page = await h.worker!.pageMessages({
    accountId: ACCOUNT_ID,
    chatId: chatIdOf(contact.pnJid),
    beforeTimestamp: null,
    limit: 100,
  });
  return page.messages.find((m) => m.id === `${contact.pnJid}|${contact.pnJid}|${waId}`);
}

async function storedBody(h: WorkerHarness, contact: Contact, waId: string): Promise<MessageBody> {
  const m = await eventually(() => stored(h, contact, waId));
  return m.body;
}

describe('AccountWorker: every kind of live message from a contact', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('archives text, link, quote, location, contact card and unknown kinds with their normalized fields', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    await h.pairNewWorker();

    const textId = await ana.send({ kind: 'text', text: 'plain text' });
    const linkId = await ana.send({
      kind: 'extendedText',
      text: 'look https://example.com/x',
      matchedText: 'https://example.com/x',
      title: 'Example',
    });
    const quoteId = await ana.send({
      kind: 'quoted',
      text: 'replying to myself',
      quoted: { id: textId, fromMe: true },
      quotedText: 'plain text',
    });
    const locationId = await ana.send({ kind: 'location', lat: 52.52, lng: 13.405, name: 'Berlin', address: 'Mitte' });
    const cardId = await ana.send({ kind: 'contactCard', displayName: 'Bruno Lima', phone: '+55 11 5555-0101' });
    // A kind the app does not render: it must still be a visible row, never dropped.
    const inviteId = await ana.sendMessage({
      groupInviteMessage: { groupJid: '120363000000000001@g.us', inviteCode: 'AbCdEf', groupName: 'Book club' },
    });

    const text = await eventually(() => stored(h!, ana, textId));
    expect(text).toMatchObject({
      chatId: ana.pnJid,
      senderId: ana.pnJid,
      isFromMe: false,
      isFromOtherDevice: false,
      status: 'received',
      body: { kind: 'text', text: 'plain text' },
      quoted: null,
      editedAt: null,
      isForwarded: false,
    });
    expect(await storedBody(h, ana, linkId)).toEqual({ kind: 'text', text: 'look https://example.com/x' });
    const quote = await eventually(() => stored(h!, ana, quoteId));
    expect(quote.body).toEqual({ kind: 'text', text: 'replying to myself' });
    expect(quote.quoted).toEqual({ id: text.id, senderId: ana.pnJid, preview: 'plain text' });
    expect(await storedBody(h, ana, locationId)).toEqual({
      kind: 'location',
      latitude: 52.52,
      longitude: 13.405,
      name: 'Berlin',
      address: 'Mitte',
    });
    const card = await storedBody(h, ana, cardId);
    expect(card).toMatchObject({ kind: 'contactCard', displayName: 'Bruno Lima' });
    expect(card.kind === 'contactCard' && card.vcard).toMatch(/waid=551155550101/);
    expect(await storedBody(h, ana, inviteId)).toEqual({ kind: 'unsupported', waType: 'groupInviteMessage' });

    // One chat, its preview the newest message; the push name named the contact.
    const chats = await h.worker!.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null });
    expect(chats.map((c) => c.id)).toEqual([ana.pnJid]);
    expect(chats[0]?.unreadCount).toBeGreaterThan(0);
    const contact = await h.worker!.setAlias(ana.pnJid as ContactId, null);
    expect(contact.names).toContainEqual({ source: 'pushName', name: 'Ana' });
  });

  it('archives every media kind, ephemeral and view-once wrapped messages as their inner content', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    await h.pairNewWorker();
    const media = h.sim.media!;

    const expected: Array<[MediaKindName, string]> = [
      ['video', 'video'],
      ['audio', 'audio'],
      ['voice', 'voice'],
      ['document', 'document'],
      ['sticker', 'sticker'],
    ];
    const sent: Array<{ id: string; kind: string; mimeType: string | null | undefined }> = [];
    for (const [name, kind] of expected) {
      const content = name === 'document' ? { fileName: 'report.pdf', caption: 'the report' } : {};
      const { id, built } = await media.send(ana, name, content);
      const inner = built.message;
      const mimeType =
        inner.videoMessage?.mimetype ??
        inner.audioMessage?.mimetype ??
        inner.documentMessage?.mimetype ??
        inner.stickerMessage?.mimetype;
      sent.push({ id, kind, mimeType });
    }
    for (const { id, kind, mimeType } of sent) {
      const body = await storedBody(h, ana, id);
      expect(body.kind).toBe('media');
      if (body.kind !== 'media') continue;
      expect(body.media).toMatchObject({ kind, mimeType, state: { status: 'remote' } });
    }
    const doc = await storedBody(h, ana, sent[3]!.id);
    expect(doc).toMatchObject({ caption: 'the report', media: { fileName: 'report.pdf' } });

    // Disappearing-messages chats wrap everything in ephemeralMessage; view-once media in viewOnceMessageV2.
    const ephemeralId = await ana.sendMessage({
      ephemeralMessage: { message: { extendedTextMessage: { text: 'this will vanish' } } },
    });
    const photo = await media.build('image', { caption: 'once' });
    const viewOnceId = await ana.sendMessage(
      { viewOnceMessageV2: { message: photo.message } },
      { stanzaType: 'media' },
    );
    expect(await storedBody(h, ana, ephemeralId)).toEqual({ kind: 'text', text: 'this will vanish' });
    const viewOnce = await storedBody(h, ana, viewOnceId);
    expect(viewOnce).toMatchObject({ kind: 'media', caption: 'once', media: { kind: 'image' } });
  });

  it('applies a contact’s reaction, edit and delete-for-everyone to the messages they target', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    await h.pairNewWorker();
    const first = await ana.sendText('frist');
    const second = await ana.sendText('regret this');
    await eventually(() => stored(h!, ana, second));

    await ana.send({ kind: 'reaction', emoji: '❤️', target: { id: first, fromMe: true } });
    await ana.send({ kind: 'edit', target: { id: first, fromMe: true }, text: 'first' });
    await ana.send({ kind: 'revoke', target: { id: second, fromMe: true } });

    const edited = await eventually(async () => {
      const m = await stored(h!, ana, first);
      return m?.editedAt !== null && m?.reactions.length ? m : undefined;
    });
    expect(edited.body).toEqual({ kind: 'text', text: 'first' });
    expect(edited.reactions).toEqual([{ senderId: ana.pnJid, emoji: '❤️', at: expect.any(Number) as number }]);
    expect(await eventually(async () => (await stored(h!, ana, second))?.body.kind === 'deleted')).toBe(true);
    // The protocol messages themselves are not rows of their own.
    const page = await h.worker!.pageMessages({
      accountId: ACCOUNT_ID,
      chatId: chatIdOf(ana.pnJid),
      beforeTimestamp: null,
      limit: 100,
    });
    expect(page.messages).toHaveLength(2);
  });

  it('puts PN- and LID-addressed messages of one person into one chat and one contact', async () => {
    h = await WorkerHarness.start();
    const ana = h.sim.addContact({ pushName: 'Ana' });
    await h.pairNewWorker();
    const viaLid = await ana.sendText('from my lid', { addressing: 'lid' });
    const viaPn = await ana.sendText('from my number');
    const lidCopy = await eventually(() => stored(h!, ana, viaLid));
    expect(lidCopy).toMatchObject({ chatId: ana.pnJid, senderId: ana.pnJid });
    await eventually(() => stored(h!, ana, viaPn));
    const chats = await h.worker!.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null });
    expect(chats.map((c) => c.id)).toEqual([ana.pnJid]);
    // Asking for the contact by either JID gives the same person, with both ids known.
    const byLid = await h.worker!.setAlias(ana.lidJid as ContactId, 'Ana S.');
    expect(byLid.id).toBe(ana.pnJid);
    expect(byLid.phoneNumber).toBe(ana.pn);
    expect(byLid.lid).toContain(ana.lid);
    expect(byLid.names).toContainEqual({ source: 'alias', name: 'Ana S.' });
  });
});
