/**
 * Builds the `proto.HistorySync` a phone sends in chunks after linking (and on demand later).
 *
 *   const sync = buildHistorySync({ syncType: 'INITIAL_BOOTSTRAP', conversations: [{ id, messages }] });
 */
import { proto } from '@whiskeysockets/baileys';

/** The sync types a phone sends; the numeric values match both HistorySync and HistorySyncNotification. */
export type HistorySyncTypeName =
  'INITIAL_BOOTSTRAP' | 'RECENT' | 'FULL' | 'PUSH_NAME' | 'ON_DEMAND' | 'NON_BLOCKING_DATA';

export type HistoryConversationInput = Readonly<{
  /** Chat JID (`<pn>@s.whatsapp.net`, `<lid>@lid`, `<id>@g.us`). */
  id: string;
  /** Oldest first or newest first does not matter to Baileys; WhatsApp sends newest first. */
  messages?: readonly proto.IWebMessageInfo[];
  name?: string;
  unreadCount?: number;
  /** Any other Conversation fields (archived, pinned, muteEndTime, lidJid, pnJid, …). */
  extra?: proto.IConversation;
}>;

export type HistorySyncInput = Readonly<{
  syncType: HistorySyncTypeName;
  conversations?: readonly HistoryConversationInput[];
  pushnames?: readonly Readonly<{ id: string; pushname: string }>[];
  phoneNumberToLidMappings?: readonly Readonly<{ pnJid: string; lidJid: string }>[];
  chunkOrder?: number;
  /** 0..100; Baileys reports it and treats RECENT at 100 as "history complete". */
  progress?: number;
}>;

export function historySyncType(name: HistorySyncTypeName): proto.HistorySync.HistorySyncType {
  return proto.HistorySync.HistorySyncType[name];
}

export function buildHistorySync(input: HistorySyncInput): proto.HistorySync {
  return proto.HistorySync.create({
    syncType: historySyncType(input.syncType),
    chunkOrder: input.chunkOrder ?? 0,
    progress: input.progress ?? 100,
    conversations: (input.conversations ?? []).map(toConversation),
    pushnames: (input.pushnames ?? []).map((p) => ({ id: p.id, pushname: p.pushname })),
    phoneNumberToLidMappings: (input.phoneNumberToLidMappings ?? []).map((m) => ({ pnJid: m.pnJid, lidJid: m.lidJid })),
  });
}

function toConversation(c: HistoryConversationInput): proto.IConversation {
  const messages = c.messages ?? [];
  const newest = messages.reduce<number>((max, m) => Math.max(max, Number(m.messageTimestamp ?? 0)), 0);
  return {
    ...c.extra,
    id: c.id,
    ...(c.name !== undefined ? { name: c.name } : {}),
    unreadCount: c.unreadCount ?? 0,
    ...(newest ? { conversationTimestamp: newest } : {}),
    // msgOrderId gives the phone's ordering; 1-based like the real payloads.
    messages: messages.map((message, i) => ({ message, msgOrderId: i + 1 })),
  };
}
