import type { Chat as WAChat } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { ChatSchema } from '../../../../shared/src/index.js';
import { GROUP, OTHER_PN, PEER_LID, PEER_PN, T_SECONDS, makeCtx, makeWaMessage } from './makeWaMessage.js';
import { normalizeContact } from './normalizeContact.js';
import { mergeChatPatch, normalizeHistorySync } from './normalizeHistorySync.js';
import type { HistorySyncInput } from './normalizeHistorySync.js';
import type { ChatPatch, NormalizeOp } from './ops.js';

const T_MS = T_SECONDS * 1000;
const chatsOf = (ops: NormalizeOp[]): ChatPatch[] => ops.flatMap((o) => (o.op === 'upsertChat' ? [o.chat] : []));
const input = (overrides: Partial<HistorySyncInput>): HistorySyncInput => ({
  chats: [],
  contacts: [],
  messages: [],
  syncType: 3,
  progress: 40,
  chunkOrder: 2,
  ...overrides,
});

describe('normalizeHistorySync', () => {
  it('derives chat rows from messages alone (later chunks arrive with chats: [])', () => {
    const messages = [
      makeWaMessage({ key: { id: 'A' }, messageTimestamp: T_SECONDS, message: { conversation: 'old' } }),
      makeWaMessage({ key: { id: 'B' }, messageTimestamp: T_SECONDS + 60, message: { conversation: 'new' } }),
      makeWaMessage({ key: { id: 'C', remoteJid: GROUP, participant: OTHER_PN } }),
    ];
    const { ops, meta } = normalizeHistorySync(input({ messages }), makeCtx());
    const chats = chatsOf(ops);
    expect(chats).toHaveLength(2);
    expect(chats.find((c) => c.id === PEER_PN)).toMatchObject({
      isGroup: false,
      lastMessageAt: T_MS + 60_000,
      oldestMessageAt: T_MS,
      preview: { text: 'new', kind: 'text', isFromMe: false, senderId: PEER_PN },
    });
    expect(chats.find((c) => c.id === GROUP)).toMatchObject({ isGroup: true });
    expect(meta).toEqual({ syncType: 3, progress: 40, chunkOrder: 2, messageCount: 3, chatCount: 2 });
  });

  it('names each sender once per chunk, from their newest message', () => {
    const at = (id: string, seconds: number, pushName: string, participant = OTHER_PN) =>
      makeWaMessage({ key: { id, remoteJid: GROUP, participant }, messageTimestamp: seconds, pushName });
    // WhatsApp sends conversations newest first, so the newest name is not the last one in the chunk.
    const messages = [
      at('C', T_SECONDS + 120, 'Cleo (new)'),
      at('B', T_SECONDS + 60, 'Cleo'),
      at('A', T_SECONDS, 'Cleo (old)'),
      at('D', T_SECONDS + 30, 'Pat', PEER_PN),
    ];
    const { ops, meta } = normalizeHistorySync(input({ messages }), makeCtx());
    expect(ops.filter((o) => o.op === 'upsertContactName')).toEqual([
      { op: 'upsertContactName', contactId: OTHER_PN, source: 'pushName', name: 'Cleo (new)' },
      { op: 'upsertContactName', contactId: PEER_PN, source: 'pushName', name: 'Pat' },
    ]);
    // Names come before the chats and messages that show them.
    const firstMessage = ops.findIndex((o) => o.op === 'upsertMessage');
    expect(ops.findLastIndex((o) => o.op === 'upsertContactName')).toBeLessThan(firstMessage);
    expect(meta.messageCount).toBe(4);
  });

  it('resolves LIDs with the chunk\u2019s own mappings before anything reaches the store', () => {
    const messages = [makeWaMessage({ key: { remoteJid: PEER_LID } })];
    const { ops } = normalizeHistorySync(
      input({ messages, lidPnMappings: [{ lid: PEER_LID, pn: PEER_PN }] }),
      makeCtx(),
    );
    expect(ops[0]).toEqual({ op: 'lidMapping', lid: PEER_LID, pn: PEER_PN });
    expect(chatsOf(ops).map((c) => c.id)).toEqual([PEER_PN]);
    expect(ops.find((o) => o.op === 'upsertMessage')).toMatchObject({ message: { chatId: PEER_PN } });
  });

  it('merges conversation state with message-derived rows; absent fields stay absent', () => {
    const chats = [
      {
        id: GROUP,
        name: 'Team',
        unreadCount: 2,
        archived: true,
        pinned: T_SECONDS,
        muteEndTime: -1,
        conversationTimestamp: T_SECONDS + 999,
      },
      { id: PEER_PN, markedAsUnread: true, conversationTimestamp: T_SECONDS + 5 },
    ] as WAChat[];
    const messages = [makeWaMessage({ key: { remoteJid: GROUP, participant: OTHER_PN } })];
    const rows = chatsOf(normalizeHistorySync(input({ chats, messages }), makeCtx()).ops);
    const group = rows.find((c) => c.id === GROUP);
    expect(group?.preview?.text).toBe('hello');
    expect({ ...group, preview: undefined }).toEqual({
      id: GROUP,
      contactId: GROUP,
      isGroup: true,
      subject: 'Team',
      unreadCount: 2,
      isArchived: true,
      pinnedAt: T_MS,
      mutedUntil: Number.MAX_SAFE_INTEGER,
      // The message, not conversationTimestamp, decides the position when both exist.
      lastMessageAt: T_MS,
      oldestMessageAt: T_MS,
      preview: undefined,
    });
    expect(rows.find((c) => c.id === PEER_PN)).toEqual({
      id: PEER_PN,
      contactId: PEER_PN,
      isGroup: false,
      isMarkedUnread: true,
      lastMessageAt: T_MS + 5000,
    });
  });

  it('produces rows a full Chat can be built from', () => {
    const [row] = chatsOf(normalizeHistorySync(input({ messages: [makeWaMessage()] }), makeCtx()).ops);
    const chat = {
      accountId: 'acc1',
      subject: null,
      lastMessageAt: null,
      preview: null,
      unreadCount: 0,
      isMarkedUnread: false,
      pinnedAt: null,
      isArchived: false,
      mutedUntil: null,
      oldestMessageAt: null,
      isHistoryExhausted: false,
      ...row,
    };
    expect(() => ChatSchema.parse(chat)).not.toThrow();
  });

  it('mergeChatPatch keeps the newest preview and the oldest time', () => {
    const base = { id: PEER_PN, contactId: PEER_PN, isGroup: false } as ChatPatch;
    const a = {
      ...base,
      lastMessageAt: 10,
      oldestMessageAt: 10,
      preview: { senderId: null, isFromMe: true, text: 'a', kind: 'text' },
    };
    const b = {
      ...base,
      lastMessageAt: 5,
      oldestMessageAt: 5,
      preview: { senderId: null, isFromMe: true, text: 'b', kind: 'text' },
    };
    expect(mergeChatPatch(a as ChatPatch, b as ChatPatch)).toMatchObject({
      lastMessageAt: 10,
      oldestMessageAt: 5,
      preview: { text: 'a' },
    });
    expect(mergeChatPatch(b as ChatPatch, a as ChatPatch)).toMatchObject({
      lastMessageAt: 10,
      oldestMessageAt: 5,
      preview: { text: 'a' },
    });
  });
});

describe('normalizeContact', () => {
  it.each([
    ['phone book name', { id: PEER_PN, name: 'Ann' }, [{ source: 'phoneBook', name: 'Ann' }]],
    ['push name', { id: PEER_PN, notify: 'annie' }, [{ source: 'pushName', name: 'annie' }]],
    ['business name', { id: PEER_PN, verifiedName: 'Ann GmbH' }, [{ source: 'business', name: 'Ann GmbH' }]],
    [
      'all three',
      { id: PEER_PN, name: 'Ann', notify: 'annie', verifiedName: 'Biz' },
      [
        { source: 'phoneBook', name: 'Ann' },
        { source: 'business', name: 'Biz' },
        { source: 'pushName', name: 'annie' },
      ],
    ],
    ['blank names skipped', { id: PEER_PN, name: '  ', notify: '' }, []],
  ])('%s', (_name, contact, names) => {
    const ops = normalizeContact(contact, makeCtx());
    expect(ops).toEqual(names.map((n) => ({ op: 'upsertContactName', contactId: PEER_PN, ...n })));
  });

  it('files a LID contact under its phone number and emits the mapping', () => {
    const ops = normalizeContact({ id: PEER_LID, phoneNumber: PEER_PN, notify: 'annie' }, makeCtx());
    expect(ops).toEqual([
      { op: 'lidMapping', lid: PEER_LID, pn: PEER_PN },
      { op: 'upsertContactName', contactId: PEER_PN, source: 'pushName', name: 'annie' },
    ]);
  });
});
