import { downloadMediaMessage, proto } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptMedia } from '../media/index.js';
import { samplePdf, samplePhoto } from '../media/index.js';
import { textOf } from '../peer.js';
import { waitForEvent } from '../testing/events.js';
import { startPairedWorld } from '../testing/fixtures.js';
import type { PairedWorld } from '../testing/fixtures.js';

describe('the phone acting as the user', () => {
  let w: PairedWorld;
  const ANA = '15550004001';
  beforeAll(async () => {
    w = await startPairedWorld({
      sim: {
        media: true,
        appState: true,
        initialHistory: {
          syncType: 'INITIAL_BOOTSTRAP',
          progress: 100,
          conversations: [{ id: `${ANA}@s.whatsapp.net` }],
        },
      },
    });
  });
  afterAll(async () => {
    await w.teardown();
  });

  it('shows a message sent on the phone as fromMe, from another device of the account (DSM)', async () => {
    const ana = w.sim.addContact({ pn: ANA, pushName: 'Ana' });
    const id = await w.sim.phoneUser.sendText(ana.pnJid, 'typed on my phone');
    const msg = await w.upserts.byId(id);
    expect(msg.key).toMatchObject({ fromMe: true, remoteJid: ana.pnJid });
    expect(msg.message?.conversation).toBe('typed on my phone');
    // The wire shape real WA uses for companions: from our own PN, recipient = the chat, DSM inside.
    const stanza = w.sim.observed.sent((n) => n.tag === 'message' && n.attrs.id === id)[0]?.node;
    expect(stanza?.attrs).toMatchObject({ from: w.sim.accountJid, recipient: ana.pnJid });
    const receipt = await w.sim.observed.waitForNode(
      (o) => o.dir === 'in' && o.node.tag === 'receipt' && o.node.attrs.id === id,
    );
    expect(receipt.node.attrs.type).toBe('sender');
  });

  it('edits and deletes for everyone from the phone', async () => {
    const ana = w.sim.contact(ANA);
    const id = await w.sim.phoneUser.sendText(ana.pnJid, 'tpyo');
    await w.upserts.byId(id);
    const edited = waitForEvent(w.client.sock, 'messages.update', (us) =>
      us.some((u) => u.key.id === id && !!u.update.message),
    );
    await w.sim.phoneUser.edit(ana.pnJid, id, 'typo');
    const edit = (await edited).find((u) => u.key.id === id);
    const inner = edit?.update.message?.editedMessage?.message ?? edit?.update.message;
    expect(textOf(inner?.protocolMessage?.editedMessage ?? inner)).toBe('typo');
    expect(edit?.key.fromMe).toBe(true);
    const revoked = waitForEvent(w.client.sock, 'messages.update', (us) =>
      us.some((u) => u.key.id === id && u.update.messageStubType === proto.WebMessageInfo.StubType.REVOKE),
    );
    await w.sim.phoneUser.revoke(ana.pnJid, id);
    expect((await revoked).find((u) => u.key.id === id)?.key.fromMe).toBe(true);
  });

  it('reading the chat on the phone marks the messages read and clears the unread badge', async () => {
    const ana = w.sim.contact(ANA);
    const ids = [await ana.sendText('one'), await ana.sendText('two')];
    await w.upserts.byId(ids[1]!);
    const statuses = waitForEvent(w.client.sock, 'messages.update', (us) =>
      ids.every((id) => us.some((u) => u.key.id === id && u.update.status === proto.WebMessageInfo.Status.READ)),
    );
    const cleared = waitForEvent(w.client.sock, 'chats.update', (cs) =>
      cs.some((c) => c.id === ana.pnJid && c.unreadCount === 0),
    );
    await w.sim.phoneUser.readChat(ana.pnJid, ids);
    const [updates] = await Promise.all([statuses, cleared]);
    expect(updates.find((u) => u.key.id === ids[0])?.key).toMatchObject({ remoteJid: ana.pnJid, fromMe: false });
  });

  it('uploads an image and a document the contact downloads and decrypts (media_conn + upload endpoint)', async () => {
    const ana = w.sim.contact(ANA);
    const cdn = w.sim.media!.cdn;
    const photo = samplePhoto(7);
    const pdf = samplePdf();
    const img = await w.client.sock.sendMessage(ana.pnJid, { image: photo, caption: 'from the desktop' });
    const doc = await w.client.sock.sendMessage(ana.pnJid, {
      document: pdf,
      mimetype: 'application/pdf',
      fileName: 'q3.pdf',
    });
    const gotImg = (await ana.waitForMessage((m) => m.id === img?.key.id)).message.imageMessage!;
    const gotDoc = (await ana.waitForMessage((m) => m.id === doc?.key.id)).message.documentMessage!;
    expect(gotImg.caption).toBe('from the desktop');
    expect(gotDoc.fileName).toBe('q3.pdf');
    const blob = (path: string | null | undefined): Buffer => cdn.get(path ?? '')!.body;
    expect((await decryptMedia(blob(gotImg.directPath), gotImg.mediaKey!, 'image')).equals(photo)).toBe(true);
    expect((await decryptMedia(blob(gotDoc.directPath), gotDoc.mediaKey!, 'document')).equals(pdf)).toBe(true);
    expect(cdn.uploads.map((u) => u.uploadPath)).toEqual(['/mms/image', '/mms/document']);
    // And the app can download its own upload again through the dispatcher.
    const again = await downloadMediaMessage(img!, 'buffer', { options: cdn.requestOptions });
    expect(again.equals(photo)).toBe(true);
    expect(w.sim.observed.iqs.some((iq) => iq.xmlns === 'w:m' && iq.child === 'media_conn')).toBe(true);
  });

  it('left no query unanswered', () => {
    expect(w.sim.observed.unansweredIqs()).toEqual([]);
    expect(w.sim.observed.unhandledIqs()).toEqual([]);
  });
});
