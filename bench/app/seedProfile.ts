import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountId, ChatId, ContactId, MessageDraft, MessageId } from '../../shared/src/index.js';
import { accountDirOf, writeRegistry } from '../../electron/core/session/process/accountRegistry.js';
import { AccountStore, FileKeyProvider, type StoreOp } from '../../electron/core/store/index.js';
import { benchToken } from './domArrivals.js';

/** Chats in every seeded profile; only how many messages the first two hold differs. */
export const PROFILE_CHATS = 100;
const OPS_PER_BATCH = 1_000;
const MESSAGE_SPACING_MS = 90_000;

export type ProfileShape = Readonly<{
  /** Messages in the "Big" chat (token kind `big`). */
  bigChatMessages: number;
  /** Messages in the "Small" chat (token kind `small`). */
  smallChatMessages: number;
  /** Messages in each of the other chats. */
  otherChatMessages: number;
}>;

export type SeededProfile = Readonly<{
  dir: string;
  accountId: AccountId;
  messageCount: number;
  /** The store's change sequence after seeding: the renderer's cache is current once it has it. */
  seq: number;
  seedMs: number;
  remove: () => void;
}>;

export const BIG_CHAT_NAME = 'Bench Big Chat';
export const SMALL_CHAT_NAME = 'Bench Small Chat';

/**
 * A browser-mode profile (accounts.json, key file, one account store) filled through the app's own
 * store code, `AccountStore.applyBatch`, in transactions of 1,000 ops as history chunks are. The
 * account is not linked: the worker starts and shows a QR, as after a logout that kept the
 * archive; the chat list and the timeline come from the archive and the renderer's cache.
 */
export async function seedProfile(shape: ProfileShape): Promise<SeededProfile> {
  const startedAt = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'wa-inbox-bench-profile-'));
  const accountId = 'acct-bench000000000' as AccountId;
  await writeRegistry(dir, [{ id: accountId, label: 'Bench', createdAt: Date.now() }]);
  const accountDir = accountDirOf(dir, accountId);
  mkdirSync(accountDir, { recursive: true, mode: 0o700 });
  const store = await AccountStore.open(accountDir, { keyProvider: new FileKeyProvider(dir), accountId });
  let seq: number;
  let messageCount = 0;
  try {
    const chats = Array.from({ length: PROFILE_CHATS }, (_, i) => chatOf(i, shape));
    const setup: StoreOp[] = chats.flatMap((chat) => [
      { type: 'contact.upsert', contact: { jid: chat.id, names: [{ source: 'pushName', name: chat.name }] } },
      { type: 'chat.upsert', chat: { id: chat.id } },
    ]);
    seq = store.applyBatch(setup).seq;
    let ops: StoreOp[] = [];
    for (const chat of chats) {
      for (let i = 0; i < chat.messages; i += 1) {
        ops.push({ type: 'message.upsert', message: messageOf(accountId, chat, i) });
        messageCount += 1;
        if (ops.length === OPS_PER_BATCH) {
          seq = store.applyBatch(ops).seq;
          ops = [];
        }
      }
    }
    if (ops.length > 0) seq = store.applyBatch(ops).seq;
  } catch (err) {
    store.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  store.close();
  return {
    dir,
    accountId,
    messageCount,
    seq,
    seedMs: performance.now() - startedAt,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

type SeedChat = Readonly<{ id: ChatId; name: string; messages: number; kind: string; rank: number }>;

function chatOf(index: number, shape: ProfileShape): SeedChat {
  const id = `1555030${index.toString().padStart(4, '0')}@s.whatsapp.net` as ChatId;
  if (index === 0) return { id, name: BIG_CHAT_NAME, messages: shape.bigChatMessages, kind: 'big', rank: index };
  if (index === 1) return { id, name: SMALL_CHAT_NAME, messages: shape.smallChatMessages, kind: 'small', rank: index };
  return { id, name: `Bench Contact ${index}`, messages: shape.otherChatMessages, kind: `c${index}`, rank: index };
}

/** Newest message of each chat a minute apart (chat 0 newest), older ones 90 s apart before it. */
function messageOf(accountId: AccountId, chat: SeedChat, index: number): MessageDraft {
  const newestAt = Date.now() - chat.rank * 60_000;
  const isFromMe = index % 3 === 0;
  return {
    accountId,
    chatId: chat.id,
    id: `${chat.id}|${isFromMe ? 'me' : chat.id}|3EB0${chat.rank.toString(16).padStart(4, '0')}${index.toString(16).toUpperCase().padStart(8, '0')}` as MessageId,
    senderId: isFromMe ? null : (chat.id as string as ContactId),
    isFromMe,
    isFromOtherDevice: false,
    timestamp: newestAt - (chat.messages - 1 - index) * MESSAGE_SPACING_MS,
    status: isFromMe ? 'read' : 'received',
    body: {
      kind: 'text',
      text: `${'Lorem ipsum dolor sit amet. '.repeat(1 + (index % 4))}${benchToken(chat.kind, index)}`,
    },
    quoted: null,
    reactions: [],
    editedAt: null,
    isForwarded: false,
    failure: null,
  };
}
