import { proto } from '@whiskeysockets/baileys';

/**
 * History-sync chunks as the app holds them after the CDN download: a `proto.HistorySync` is built,
 * encoded, and decoded again (so timestamps are Longs and byte fields Buffers, exactly as off the
 * wire). The app path then runs Baileys' `processHistoryMessage` on it (timed, in the bench).
 *
 *   for (const chunk of historyChunks({ messages: 10_000, chats: 2_000 })) ingest(chunk);
 *
 * Generated lazily, one chunk at a time, so a 100k run never holds all fixtures at once (the
 * memory row measures the heap the core keeps, not the fixtures').
 */
export type HistoryChunkFixture = Readonly<{
  id: string;
  /** The `HistorySyncNotification` bytes the app journals before processing the chunk. */
  notification: proto.Message.IHistorySyncNotification;
  /** The decoded blob (fresh: processHistoryMessage mutates it) and the inflated bytes it came from. */
  history: proto.HistorySync;
  bytes: Uint8Array;
  messageCount: number;
}>;

export type HistoryShape = Readonly<{
  messages: number;
  chats: number;
  /** Whole conversations are packed into a chunk until it holds about this many messages. */
  messagesPerChunk?: number;
}>;

/** One transaction per phone chunk in the app; ~1,000 messages matches the raw baseline's transactions. */
export const MESSAGES_PER_CHUNK = 1_000;
export const SELF_PN = '4915100000000@s.whatsapp.net';
const GROUP_EVERY = 7; // one chat in seven is a group
const T0_SECONDS = 1_760_000_000;
const WORDS = ['ok', 'see you', 'tomorrow', 'dinner at 8?', 'thanks!', 'café', 'on my way', 'invoice', 'photo'];

export function* historyChunks(shape: HistoryShape): Generator<HistoryChunkFixture> {
  const perChat = Math.ceil(shape.messages / shape.chats);
  const perChunk = shape.messagesPerChunk ?? MESSAGES_PER_CHUNK;
  let emitted = 0;
  let chunkOrder = 0;
  let conversations: proto.IConversation[] = [];
  let chunkMessages = 0;
  for (let chat = 0; chat < shape.chats && emitted < shape.messages; chat += 1) {
    const count = Math.min(perChat, shape.messages - emitted);
    conversations.push(conversationOf(chat, count));
    emitted += count;
    chunkMessages += count;
    if (chunkMessages >= perChunk || emitted >= shape.messages || chat === shape.chats - 1) {
      yield chunkOf(chunkOrder, conversations, chunkMessages, emitted / shape.messages);
      chunkOrder += 1;
      conversations = [];
      chunkMessages = 0;
    }
  }
}

function chunkOf(
  order: number,
  conversations: proto.IConversation[],
  messageCount: number,
  fraction: number,
): HistoryChunkFixture {
  const syncType =
    order === 0 ? proto.HistorySync.HistorySyncType.INITIAL_BOOTSTRAP : proto.HistorySync.HistorySyncType.FULL;
  const progress = Math.round(fraction * 100);
  const bytes = proto.HistorySync.encode({ syncType, chunkOrder: order, progress, conversations }).finish();
  const notification: proto.Message.IHistorySyncNotification = {
    fileSha256: Buffer.alloc(32, order),
    fileLength: bytes.length,
    mediaKey: Buffer.alloc(32, 7),
    fileEncSha256: Buffer.alloc(32, 9),
    directPath: `/v/t62.36145-24/${order}_history.enc`,
    syncType,
    chunkOrder: order,
    originalMessageId: `HIST${order}`,
    progress,
  };
  return { id: `HIST${order}`, notification, history: proto.HistorySync.decode(bytes), bytes, messageCount };
}

function conversationOf(chat: number, count: number): proto.IConversation {
  const isGroup = chat % GROUP_EVERY === 0;
  const jid = isGroup
    ? `1203630${String(chat).padStart(11, '0')}@g.us`
    : `49160${String(chat).padStart(7, '0')}@s.whatsapp.net`;
  // WhatsApp sends newest first; msgOrderId is 1-based.
  const messages = Array.from({ length: count }, (_, i) => ({
    message: messageOf(jid, chat, count - 1 - i, isGroup),
    msgOrderId: i + 1,
  }));
  return {
    id: jid,
    ...(isGroup ? { name: `Group ${chat}` } : {}),
    unreadCount: chat % 5,
    conversationTimestamp: T0_SECONDS + chat * 10_000 + count * 60,
    messages,
  };
}

/** A plausible mix: mostly plain texts, some quoted replies, some captioned photos (which get a media row). */
function messageOf(jid: string, chat: number, n: number, isGroup: boolean): proto.IWebMessageInfo {
  const fromMe = (chat + n) % 3 === 0;
  const id = `3EB0${chat.toString(16).toUpperCase().padStart(5, '0')}${n.toString(16).toUpperCase().padStart(6, '0')}`;
  const participant =
    isGroup && !fromMe ? `49170${String((chat * 31 + n) % 500).padStart(7, '0')}@s.whatsapp.net` : undefined;
  const text = `${WORDS[(chat + n) % WORDS.length]} ${'lorem ipsum dolor sit amet '.repeat(n % 4)}#${n}`;
  const kind = n % 20;
  const message: proto.IMessage =
    kind === 7
      ? { imageMessage: imageOf(text, chat, n) }
      : kind === 3 || kind === 13
        ? { extendedTextMessage: { text, contextInfo: quoteOf(jid, chat, n, participant) } }
        : { conversation: text };
  return {
    key: { remoteJid: jid, fromMe, id, ...(participant ? { participant } : {}) },
    message,
    messageTimestamp: T0_SECONDS + chat * 10_000 + n * 60,
    status: fromMe ? proto.WebMessageInfo.Status.READ : proto.WebMessageInfo.Status.DELIVERY_ACK,
    ...(fromMe ? {} : { pushName: `Contact ${chat}` }),
  };
}

function quoteOf(jid: string, chat: number, n: number, participant: string | undefined): proto.IContextInfo {
  return {
    stanzaId: `3EB0${chat.toString(16).toUpperCase().padStart(5, '0')}${Math.max(0, n - 1)
      .toString(16)
      .toUpperCase()
      .padStart(6, '0')}`,
    participant: participant ?? jid,
    quotedMessage: { conversation: 'the message being answered' },
  };
}

function imageOf(caption: string, chat: number, n: number): proto.Message.IImageMessage {
  return {
    url: `https://mmg.whatsapp.net/v/t62.7118-24/${chat}_${n}.enc`,
    directPath: `/v/t62.7118-24/${chat}_${n}.enc`,
    mimetype: 'image/jpeg',
    caption,
    fileLength: 120_000 + n,
    width: 1280,
    height: 960,
    mediaKey: Buffer.alloc(32, n % 251),
    fileEncSha256: Buffer.alloc(32, 3),
    fileSha256: Buffer.alloc(32, 5),
    mediaKeyTimestamp: T0_SECONDS,
    jpegThumbnail: Buffer.alloc(700, 0xab), // inline thumbnails ride along in history, a few hundred bytes
  };
}
