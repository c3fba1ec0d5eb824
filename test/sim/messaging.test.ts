import { proto } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from './peer.js';
import { waitForEvent } from './testing/events.js';
import { startPairedWorld } from './testing/fixtures.js';
import type { PairedWorld } from './testing/fixtures.js';

describe('messaging with the real Baileys socket', () => {
  let w: PairedWorld;
  beforeAll(async () => {
    w = await startPairedWorld();
  });
  afterAll(async () => {
    await w.teardown();
  });

  it('delivers a Signal-encrypted text with the contact push name, PN-addressed with sender_lid', async () => {
    const ana = w.sim.addContact({ pushName: 'Ana Souza' });
    const id = await ana.send({ kind: 'text', text: 'olá, tudo bem?' });
    const msg = await w.upserts.byId(id);
    expect(msg.message?.conversation).toBe('olá, tudo bem?');
    expect(msg.pushName).toBe('Ana Souza');
    expect(msg.key.remoteJid).toBe(ana.pnJid);
    expect(msg.key.remoteJidAlt).toBe(ana.lidJid);
    expect(msg.key.fromMe).toBe(false);
  });

  it('delivers LID-addressed messages and emoji-only push names', async () => {
    const sunflower = w.sim.addContact({ pushName: '🌻' });
    const id = await sunflower.send({ kind: 'text', text: 'from a lid' }, { addressing: 'lid' });
    const msg = await w.upserts.byId(id);
    expect(msg.pushName).toBe('🌻');
    expect(msg.key.remoteJid).toBe(sunflower.lidJid);
    expect(msg.message?.conversation).toBe('from a lid');
  });

  it('delivers every message kind a contact can send', async () => {
    const bo = w.sim.addContact({ pushName: 'Bo' });
    const first = await bo.send({ kind: 'text', text: 'first' });
    await w.upserts.byId(first);

    const ext = await w.upserts.byId(
      await bo.send({
        kind: 'extendedText',
        text: 'see https://example.org',
        matchedText: 'https://example.org',
        title: 'Example',
      }),
    );
    expect(ext.message?.extendedTextMessage?.matchedText).toBe('https://example.org');

    const quoted = await w.upserts.byId(
      await bo.send({ kind: 'quoted', text: 'replying', quoted: { id: first, fromMe: true }, quotedText: 'first' }),
    );
    expect(quoted.message?.extendedTextMessage?.contextInfo?.stanzaId).toBe(first);
    expect(quoted.message?.extendedTextMessage?.contextInfo?.quotedMessage?.conversation).toBe('first');

    const reactionSeen = waitForEvent(w.client.sock, 'messages.reaction', (rs) => rs.some((r) => r.key.id === first));
    await bo.send({ kind: 'reaction', emoji: '❤️', target: { id: first, fromMe: true } });
    const [reaction] = await reactionSeen;
    expect(reaction?.reaction.text).toBe('❤️');

    const editSeen = waitForEvent(w.client.sock, 'messages.update', (us) =>
      us.some((u) => u.key.id === first && !!u.update.message),
    );
    await bo.send({ kind: 'edit', target: { id: first, fromMe: true }, text: 'first (edited)' });
    const edit = (await editSeen).find((u) => u.key.id === first);
    const edited = edit?.update.message?.editedMessage?.message ?? edit?.update.message;
    expect(textOf(edited?.protocolMessage?.editedMessage ?? edited)).toBe('first (edited)');

    const loc = await w.upserts.byId(
      await bo.send({ kind: 'location', lat: -23.5505, lng: -46.6333, name: 'Praça da Sé' }),
    );
    expect(loc.message?.locationMessage?.degreesLatitude).toBeCloseTo(-23.5505);
    expect(loc.message?.locationMessage?.name).toBe('Praça da Sé');

    const card = await w.upserts.byId(
      await bo.send({ kind: 'contactCard', displayName: 'Dr. Chen', phone: '+1 555 010 0199' }),
    );
    expect(card.message?.contactMessage?.displayName).toBe('Dr. Chen');
    expect(card.message?.contactMessage?.vcard).toContain('waid=15550100199');

    const poll = await w.upserts.byId(await bo.send({ kind: 'poll', name: 'Lunch?', options: ['Sushi', 'Tacos'] }));
    expect(poll.message?.pollCreationMessage?.options?.map((o) => o.optionName)).toEqual(['Sushi', 'Tacos']);

    const revokeSeen = waitForEvent(w.client.sock, 'messages.update', (us) =>
      us.some((u) => u.key.id === first && u.update.messageStubType === proto.WebMessageInfo.StubType.REVOKE),
    );
    await bo.send({ kind: 'revoke', target: { id: first, fromMe: true } });
    await revokeSeen;
  });

  it('lets a contact decrypt exactly what the app sent, then ticks delivered and read', async () => {
    const cy = w.sim.addContact({ pushName: 'Cy', receipts: { delivery: true, read: true, delayMs: 250 } });
    const statuses: number[] = [];
    w.client.sock.ev.on('messages.update', (us) => {
      for (const u of us) if (u.update.status) statuses.push(u.update.status);
    });
    const sent = await w.client.sock.sendMessage(cy.pnJid, { text: 'Ünïcödé ✓ and emoji 🌻' });
    const got = await cy.waitForMessage((m) => m.id === sent?.key.id);
    expect(textOf(got.message)).toBe('Ünïcödé ✓ and emoji 🌻');
    await waitForEvent(w.client.sock, 'messages.update', (us) =>
      us.some((u) => u.key.id === sent?.key.id && u.update.status === proto.WebMessageInfo.Status.READ),
    );
    expect(statuses).toContain(proto.WebMessageInfo.Status.DELIVERY_ACK);
    expect(statuses).toContain(proto.WebMessageInfo.Status.READ);
  });

  it('sends read receipts the simulator records when the app reads a message', async () => {
    const dot = w.sim.addContact({ pushName: 'Dot' });
    const msg = await w.upserts.byId(await dot.sendText('read me'));
    await w.client.sock.readMessages([msg.key]);
    const receipt = await w.sim.observed.waitForNode(
      (o) =>
        o.dir === 'in' && o.node.tag === 'receipt' && o.node.attrs.type === 'read' && o.node.attrs.id === msg.key.id,
    );
    expect(receipt.node.attrs.to).toBe(dot.pnJid);
    expect(w.sim.observed.receiptsFor(msg.key.id!).map((r) => r.attrs.type)).toContain('read');
  });

  it('shows a message typed on the phone as fromMe in the chat it was sent to', async () => {
    const eli = w.sim.addContact({ pushName: 'Eli' });
    const id = await w.sim.phone.sendAsMe(eli.pnJid, { conversation: 'sent from my phone' });
    const msg = await w.upserts.byId(id);
    expect(msg.key.fromMe).toBe(true);
    expect(msg.key.remoteJid).toBe(eli.pnJid);
    expect(msg.message?.conversation).toBe('sent from my phone');
  });

  it('answered every query Baileys sent, and sent nothing in plaintext', () => {
    expect(w.sim.observed.iqs.length).toBeGreaterThan(5);
    expect(w.sim.observed.unansweredIqs()).toEqual([]);
    expect(w.sim.observed.unhandledIqs()).toEqual([]);
    expect(w.sim.stats.plaintextStanzas).toBe(0);
  });
});
