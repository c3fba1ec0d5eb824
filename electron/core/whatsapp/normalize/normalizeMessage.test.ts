import { proto } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import {
  GROUP,
  IMAGE_FIXTURE as image,
  OTHER_PN,
  PEER_LID,
  PEER_PN,
  SELF_PN,
  T_SECONDS,
  bytes,
  makeCtx,
  makeWaMessage,
  upsertOf,
  withKeyAlts,
} from './makeWaMessage.js';
import { normalizeMessage } from './normalizeMessage.js';

describe('normalizeMessage: envelope', () => {
  it('converts the Long timestamp to ms and derives ids from the canonical JIDs', () => {
    const ops = normalizeMessage(makeWaMessage(), makeCtx());
    const { message } = upsertOf(ops);
    expect(message).toMatchObject({
      timestamp: T_SECONDS * 1000,
      chatId: PEER_PN,
      senderId: PEER_PN,
      id: `${PEER_PN}|${PEER_PN}|3EB0AAAA`,
      status: 'received',
      isFromMe: false,
    });
    expect(ops.find((o) => o.op === 'upsertChat')).toMatchObject({
      chat: { id: PEER_PN, lastMessageAt: T_SECONDS * 1000, preview: { text: 'hello', kind: 'text' } },
    });
  });

  it('lands a LID-addressed message in the PN chat and emits the mapping', () => {
    const msg = withKeyAlts(makeWaMessage({ key: { remoteJid: PEER_LID } }), { remoteJidAlt: PEER_PN });
    const ops = normalizeMessage(msg, makeCtx());
    expect(ops[0]).toEqual({ op: 'lidMapping', lid: PEER_LID, pn: PEER_PN });
    expect(upsertOf(ops).message.chatId).toBe(PEER_PN);
  });

  it('ignores an alt that is our own JID beside the peer (own 1:1 messages carry the sender\u2019s alt)', () => {
    const msg = withKeyAlts(makeWaMessage({ key: { remoteJid: PEER_LID, fromMe: true } }), { remoteJidAlt: SELF_PN });
    const ops = normalizeMessage(msg, makeCtx({ resolveJid: (j) => (j === PEER_LID ? PEER_PN : j) }));
    expect(ops.filter((o) => o.op === 'lidMapping')).toEqual([]);
    expect(upsertOf(ops).message.chatId).toBe(PEER_PN);
  });

  it('maps a group participant\u2019s LID through participantAlt', () => {
    const msg = withKeyAlts(makeWaMessage({ key: { remoteJid: GROUP, participant: PEER_LID } }), {
      participantAlt: PEER_PN,
    });
    const ops = normalizeMessage(msg, makeCtx());
    expect(ops[0]).toEqual({ op: 'lidMapping', lid: PEER_LID, pn: PEER_PN });
    expect(upsertOf(ops).message).toMatchObject({ senderId: PEER_PN, id: `${GROUP}|${PEER_PN}|3EB0AAAA` });
  });

  it('uses the injected resolver when the key carries no alt', () => {
    const ctx = makeCtx({ resolveJid: (j) => (j === PEER_LID ? PEER_PN : j) });
    expect(upsertOf(normalizeMessage(makeWaMessage({ key: { remoteJid: PEER_LID } }), ctx)).message.chatId).toBe(
      PEER_PN,
    );
  });

  it('names group senders by participant (device suffix dropped) and records their push name', () => {
    const msg = makeWaMessage({
      key: { remoteJid: GROUP, participant: '15550000003:12@s.whatsapp.net' },
      pushName: 'Cleo',
    });
    const ops = normalizeMessage(msg, makeCtx());
    expect(upsertOf(ops).message).toMatchObject({
      chatId: GROUP,
      senderId: OTHER_PN,
      id: `${GROUP}|${OTHER_PN}|3EB0AAAA`,
    });
    expect(ops).toContainEqual({ op: 'upsertContactName', contactId: OTHER_PN, source: 'pushName', name: 'Cleo' });
  });

  it.each([
    [true, false],
    [false, true],
  ])('own message sent by this device=%s → isFromOtherDevice=%s', (sentHere, other) => {
    const ctx = makeCtx({ isSentByThisDevice: (id) => sentHere && id === '3EB0AAAA' });
    const { message } = upsertOf(normalizeMessage(makeWaMessage({ key: { fromMe: true } }), ctx));
    expect(message).toMatchObject({
      isFromMe: true,
      senderId: null,
      isFromOtherDevice: other,
      id: `${PEER_PN}|me|3EB0AAAA`,
    });
  });

  it.each([
    [proto.WebMessageInfo.Status.ERROR, 'failed'],
    [proto.WebMessageInfo.Status.PENDING, 'pending'],
    [proto.WebMessageInfo.Status.SERVER_ACK, 'sent'],
    [proto.WebMessageInfo.Status.DELIVERY_ACK, 'delivered'],
    [proto.WebMessageInfo.Status.READ, 'read'],
    [proto.WebMessageInfo.Status.PLAYED, 'played'],
    [undefined, 'sent'],
  ])('own status %s → %s', (status, expected) => {
    const msg = makeWaMessage({ key: { fromMe: true }, ...(status === undefined ? {} : { status }) });
    expect(upsertOf(normalizeMessage(msg, makeCtx())).message.status).toBe(expected);
  });

  it('keeps media download metadata as base64', () => {
    const op = upsertOf(normalizeMessage(makeWaMessage({ message: { imageMessage: image } }), makeCtx()));
    expect(op.media).toEqual({
      waType: 'imageMessage',
      mediaType: 'image',
      directPath: '/v/t62/abc',
      url: 'https://mmg.whatsapp.net/v/t62/abc',
      mediaKeyB64: 'AQID',
      fileEncSha256B64: 'BAU=',
      fileSha256B64: 'Bgc=',
      mediaKeyTimestamp: 1_700_000_000,
      fileLength: 123_456,
    });
  });

  it('turns a quoted reply into a domain quote with a preview', () => {
    const message = {
      extendedTextMessage: {
        text: 'yes',
        contextInfo: { stanzaId: 'Q1', participant: SELF_PN, quotedMessage: { imageMessage: { caption: 'cat' } } },
      },
    };
    const { quoted } = upsertOf(normalizeMessage(makeWaMessage({ message }), makeCtx())).message;
    expect(quoted).toEqual({ id: `${PEER_PN}|me|Q1`, senderId: null, preview: 'cat' });
  });

  it('flags forwarded messages', () => {
    const message = { extendedTextMessage: { text: 'fwd', contextInfo: { isForwarded: true, forwardingScore: 2 } } };
    expect(upsertOf(normalizeMessage(makeWaMessage({ message }), makeCtx())).message.isForwarded).toBe(true);
  });

  it('keeps a poll secret for decrypting votes later', () => {
    const message = {
      pollCreationMessageV3: { name: 'Q', options: [{ optionName: 'A' }] },
      messageContextInfo: { messageSecret: bytes(9, 9) },
    };
    expect(upsertOf(normalizeMessage(makeWaMessage({ message }), makeCtx())).pollSecretB64).toBe('CQk=');
  });
});

describe('normalizeMessage: stubs and plumbing', () => {
  it.each([
    [
      'revoked history copy',
      { message: null, messageStubType: proto.WebMessageInfo.StubType.REVOKE },
      { kind: 'deleted' },
    ],
    [
      'group create stub',
      { message: null, messageStubType: proto.WebMessageInfo.StubType.GROUP_CREATE },
      { kind: 'unsupported', waType: 'stub:GROUP_CREATE' },
    ],
    ['no content at all', { message: null }, { kind: 'unsupported', waType: 'stub:EMPTY' }],
    [
      'a kind newer than WAProto (decodes to messageContextInfo only)',
      { message: { messageContextInfo: { messageSecret: bytes(1) } } },
      { kind: 'unsupported', waType: 'unknown' },
    ],
  ])('%s stays visible', (_name, overrides, body) => {
    expect(upsertOf(normalizeMessage(makeWaMessage(overrides), makeCtx())).message.body).toEqual(body);
  });

  it.each([
    [
      'history sync notification',
      { protocolMessage: { type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION } },
      'protocolMessage:HISTORY_SYNC_NOTIFICATION',
    ],
    [
      'app-state key share',
      { protocolMessage: { type: proto.Message.ProtocolMessage.Type.APP_STATE_SYNC_KEY_SHARE } },
      'protocolMessage:APP_STATE_SYNC_KEY_SHARE',
    ],
    [
      'sender key distribution',
      { senderKeyDistributionMessage: { groupId: GROUP }, messageContextInfo: {} },
      'senderKeyDistributionMessage',
    ],
  ])('%s is ignored', (_name, message, reason) => {
    expect(normalizeMessage(makeWaMessage({ key: { fromMe: true, remoteJid: SELF_PN }, message }), makeCtx())).toEqual([
      { op: 'ignore', reason },
    ]);
  });

  it('ignores a message without a key', () => {
    expect(normalizeMessage({ message: { conversation: 'x' } }, makeCtx())).toEqual([
      { op: 'ignore', reason: 'message without remoteJid or id' },
    ]);
  });
});
