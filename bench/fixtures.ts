import type { AccountId, ChatId, Message, MessageId } from '../shared/src/index.js';

/** Realistic message rows for benchmarks: varied text lengths, a few media captions, fixed seed. */
export function makeMessages(count: number, chats = 200, accountId = 'bench' as AccountId): Message[] {
  const out: Message[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i += 1) {
    const chat = `${1_000_000 + (i % chats)}@s.whatsapp.net` as ChatId;
    out.push({
      accountId,
      chatId: chat,
      id: `${chat}/0/${(0x3eb0_0000 + i).toString(16).toUpperCase()}` as MessageId,
      senderId: null,
      isFromMe: i % 3 === 0,
      isFromOtherDevice: false,
      timestamp: start + i * 1_000,
      orderKey: i + 1,
      status: i % 3 === 0 ? 'read' : 'received',
      body: { kind: 'text', text: `message ${i} ${'lorem ipsum dolor sit amet '.repeat(1 + (i % 5))}` },
      quoted: null,
      reactions: [],
      editedAt: null,
      isForwarded: false,
      failure: null,
    });
  }
  return out;
}
