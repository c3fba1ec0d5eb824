import { proto } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { historyMessageBytes } from './historyMessageBytes.js';

const PEER = '15550000002@s.whatsapp.net';
const GROUP = '120363000000000001@g.us';

function messageOf(
  remoteJid: string,
  id: string,
  text: string,
  extra: proto.IWebMessageInfo = {},
): proto.IWebMessageInfo {
  return {
    key: { remoteJid, fromMe: false, id },
    messageTimestamp: 1_760_000_000,
    message: { conversation: text },
    ...extra,
  };
}

function blobOf(conversations: proto.IConversation[]): { bytes: Uint8Array; history: proto.HistorySync } {
  const bytes = proto.HistorySync.encode({
    syncType: proto.HistorySync.HistorySyncType.RECENT,
    chunkOrder: 3,
    progress: 50,
    conversations,
    pushnames: [{ id: PEER, pushname: 'Ann' }],
  }).finish();
  return { bytes, history: proto.HistorySync.decode(bytes) };
}

describe('historyMessageBytes', () => {
  it('maps every decoded message to its own wire bytes, which decode to the same message', () => {
    const { bytes, history } = blobOf([
      {
        id: PEER,
        unreadCount: 2,
        messages: [
          { message: messageOf(PEER, 'A', 'hello'), msgOrderId: 1 },
          { message: messageOf(PEER, 'B', 'café ☕', { pushName: 'Ann', status: 4 }), msgOrderId: 2 },
        ],
      },
      { id: GROUP, name: 'Team', messages: [{ message: messageOf(GROUP, 'C', 'hi', { participant: PEER }) }] },
      { id: '15550000003@s.whatsapp.net' },
    ]);
    const decoded = (history.conversations ?? []).flatMap((c) => (c.messages ?? []).map((m) => m.message));
    const byMessage = historyMessageBytes(history, bytes);
    expect(byMessage.size).toBe(3);
    for (const message of decoded) {
      if (!message) throw new Error('fixture message missing');
      const raw = byMessage.get(message);
      expect(raw).toBeDefined();
      expect(proto.WebMessageInfo.decode(raw ?? new Uint8Array()).toJSON()).toEqual(
        proto.WebMessageInfo.fromObject(message).toJSON(),
      );
    }
  });

  it('keeps bytes a re-encode would drop (fields newer than our WAProto)', () => {
    const known = proto.WebMessageInfo.encode(messageOf(PEER, 'A', 'hello')).finish();
    // Field 9999, wire type 2 (length-delimited), three bytes: unknown to protobufjs, kept by the phone's copy.
    const unknownField = Uint8Array.from([0xfa, 0xf0, 0x04, 3, 1, 2, 3]);
    const message = Uint8Array.from([...known, ...unknownField]);
    const item = Uint8Array.from([0x0a, message.length, ...message]); // HistorySyncMsg.message = 1
    const conversation = Uint8Array.from([0x0a, PEER.length, ...Buffer.from(PEER), 0x12, item.length, ...item]);
    const bytes = Uint8Array.from([0x12, conversation.length, ...conversation]); // HistorySync.conversations = 2
    const history = proto.HistorySync.decode(bytes);
    const decoded = history.conversations[0]?.messages?.[0]?.message;
    if (!decoded) throw new Error('fixture did not decode');
    expect([...(historyMessageBytes(history, bytes).get(decoded) ?? [])]).toEqual([...message]);
  });

  it('returns nothing (so the caller re-encodes) when bytes and decoded tree disagree', () => {
    const a = blobOf([{ id: PEER, messages: [{ message: messageOf(PEER, 'A', 'one') }] }]);
    const b = blobOf([
      { id: PEER, messages: [{ message: messageOf(PEER, 'A', 'one') }, { message: messageOf(PEER, 'B', 'two') }] },
    ]);
    expect(historyMessageBytes(b.history, a.bytes).size).toBe(0);
    expect(historyMessageBytes(a.history, a.bytes.subarray(0, a.bytes.length - 3)).size).toBe(0);
  });
});
