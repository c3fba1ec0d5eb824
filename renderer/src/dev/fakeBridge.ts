import type {
  Account,
  AccountId,
  BridgeApi,
  BridgeEvent,
  Chat,
  CloseReason,
  CommandId,
  ConnectionState,
  EventBatch,
  Message,
  Result,
} from '../../../shared/src/index.js';
import {
  SHOP,
  WORK,
  buildWorld,
  chatKeyOf,
  newMessageId,
  pick,
  previewOf,
  rand,
  syncStatus,
  textMessage,
} from './fakeData.js';
import { addFailedMedia, fakeCommandHandlers } from './fakeCommands.js';
import { photoDataUrl } from './fakeMedia.js';

/*
 * Dev-only fake of main (`?fake=1` in `vite` dev): realistic batches for 2 paired accounts plus one
 * pairing account, live incoming messages, and command handling. Never part of production builds.
 * URL knobs: `conn=<CloseReason|connecting>` puts "Personal" into that state, `qr=expired` lets
 * the pairing code expire, `quiet=1` stops live traffic (stable screenshots).
 */
const QR_ROTATE_MS = 20_000;
const params = new URLSearchParams(location.search);

export function createFakeBridge(): BridgeApi {
  const now = Date.now();
  const world = buildWorld(now);
  addFailedMedia(world, now);
  const logs = new Map<string, EventBatch[]>();
  const listeners = new Set<(batches: readonly EventBatch[]) => void>();
  let commandCounter = 0;

  const emit = (accountId: AccountId | null, events: BridgeEvent[], isLive = true): void => {
    const stream = accountId ?? 'app';
    const log = logs.get(stream) ?? [];
    logs.set(stream, log);
    const batch: EventBatch = { accountId, seq: log.length + 1, events };
    log.push(batch);
    if (isLive) for (const listener of listeners) listener([batch]);
  };
  const accountsChanged = (isLive = true) =>
    emit(null, [{ type: 'accounts.changed', accounts: world.accounts }], isLive);
  const setConnection = (accountId: AccountId, state: ConnectionState, isLive = true) => {
    const account = world.accounts.find((a) => a.id === accountId);
    if (account) account.connection = state;
    emit(accountId, [{ type: 'connection.changed', accountId, state }], isLive);
  };
  const upsertMessages = (chat: Chat, messages: Message[]) => {
    const list = world.messages.get(chatKeyOf(chat.accountId, chat.id)) ?? [];
    for (const message of messages) {
      const index = list.findIndex((m) => m.id === message.id);
      if (index >= 0) list[index] = message;
      else list.push(message);
    }
    world.messages.set(chatKeyOf(chat.accountId, chat.id), list);
    const last = list[list.length - 1];
    if (last) Object.assign(chat, { lastMessageAt: last.timestamp, preview: previewOf(last) });
    emit(chat.accountId, [
      { type: 'messages.upserted', messages },
      { type: 'chats.upserted', chats: [chat] },
    ]);
  };

  // Initial history, written before the renderer asks: it arrives through events.catchUp.
  world.accounts.push({
    id: SHOP,
    label: 'Shop',
    phoneNumber: null,
    pushName: null,
    connection: { kind: 'connecting', attempt: 0 },
    sync: syncStatus({
      phase: 'awaiting',
      progress: null,
      chunksReceived: 0,
      chunksProcessed: 0,
      messagesImported: 0,
      completeSource: null,
      lastChunkAt: null,
    }),
  });
  const conn = params.get('conn');
  const personal = world.accounts[1];
  if (personal && conn) {
    personal.connection =
      conn === 'connecting'
        ? { kind: 'connecting', attempt: 3 }
        : { kind: 'closed', reason: conn as CloseReason, retryAt: now + 12_000 };
  }
  accountsChanged(false);
  for (const account of world.accounts) {
    const contacts = world.contacts.get(account.id) ?? [];
    if (contacts.length === 0) continue;
    emit(account.id, [{ type: 'contacts.upserted', accountId: account.id, contacts }], false);
    emit(account.id, [{ type: 'chats.upserted', chats: world.chats.filter((c) => c.accountId === account.id) }], false);
    const messages = world.chats
      .filter((c) => c.accountId === account.id)
      .flatMap((c) => world.messages.get(chatKeyOf(c.accountId, c.id)) ?? []);
    emit(account.id, [{ type: 'messages.upserted', messages }], false);
  }

  const rotateQr = (accountId: AccountId, rotation = 0) => {
    const expiresAt = Date.now() + QR_ROTATE_MS;
    const ref = Array.from(
      { length: 24 },
      () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rand() * 62)],
    ).join('');
    setConnection(accountId, {
      kind: 'qr',
      qr: `2@${ref},${btoa(ref).slice(0, 32)}=,${btoa(accountId + ref).slice(0, 32)}=,${rotation}`,
      expiresAt,
    });
    if (params.get('qr') === 'expired' && rotation >= 0) return;
    setTimeout(() => rotateQr(accountId, rotation + 1), QR_ROTATE_MS);
  };
  setTimeout(() => rotateQr(SHOP), 400);

  if (params.get('quiet') !== '1') {
    setInterval(() => {
      const chat = pick(world.chats.filter((c) => c.accountId === WORK && !c.isArchived));
      const contacts = world.contacts.get(WORK) ?? [];
      const sender = chat.isGroup ? pick(contacts.filter((c) => !c.isGroup)).id : chat.contactId;
      chat.unreadCount += 1;
      upsertMessages(chat, [
        textMessage(
          chat,
          Date.now(),
          sender,
          pick(['Quick question about tomorrow', 'Sounds good!', 'See you soon 👋', 'Done ✅']),
        ),
      ]);
    }, 15_000);
  }
  let workProgress = 62;
  const syncTimer = setInterval(
    () => {
      workProgress = Math.min(100, workProgress + 3);
      const status =
        workProgress >= 100
          ? syncStatus({ messagesImported: 2900 })
          : syncStatus({
              phase: 'syncing',
              progress: workProgress,
              chunksReceived: 2,
              chunksProcessed: 2,
              completeSource: null,
              messagesImported: 1840 + workProgress * 10,
            });
      emit(WORK, [{ type: 'sync.changed', accountId: WORK, status }]);
      if (workProgress >= 100) clearInterval(syncTimer);
    },
    params.get('quiet') === '1' ? 3_600_000 : 4_000,
  );

  const ok = <T>(value: T): Result<unknown> => ({ ok: true, commandId: `cmd-${++commandCounter}` as CommandId, value });
  const findChat = (input: { accountId: AccountId; chatId: string }) =>
    world.chats.find((c) => c.accountId === input.accountId && c.id === input.chatId);
  const later = (ms: number, fn: () => void) => setTimeout(fn, ms);

  const handlers: Record<string, (input: never) => Result<unknown>> = {
    'events.catchUp': (input: { accountId: AccountId | null; afterSeq: number; limit: number }) => {
      const log = logs.get(input.accountId ?? 'app') ?? [];
      const batches = log.filter((b) => b.seq > input.afterSeq).slice(0, input.limit);
      return ok({ batches, isComplete: batches.length < input.limit });
    },
    'accounts.list': () => ok(world.accounts),
    'accounts.add': (input: { label: string }) => {
      const id = `acc${world.accounts.length + 1}` as AccountId;
      const account: Account = {
        id,
        label: input.label,
        phoneNumber: null,
        pushName: null,
        connection: { kind: 'connecting', attempt: 0 },
        sync: syncStatus({
          phase: 'awaiting',
          progress: null,
          chunksReceived: 0,
          chunksProcessed: 0,
          messagesImported: 0,
          completeSource: null,
          lastChunkAt: null,
        }),
      };
      world.accounts.push(account);
      accountsChanged();
      later(600, () => rotateQr(id));
      return ok({ accountId: id });
    },
    'accounts.relink': (input: { accountId: AccountId }) => {
      setConnection(input.accountId, { kind: 'connecting', attempt: 0 });
      later(700, () => rotateQr(input.accountId));
      return ok({ queued: true });
    },
    'accounts.takeOver': (input: { accountId: AccountId }) => {
      setConnection(input.accountId, { kind: 'connecting', attempt: 0 });
      later(900, () => setConnection(input.accountId, { kind: 'open' }));
      return ok({ queued: true });
    },
    'chats.list': (input: { accountId: AccountId }) => ok(world.chats.filter((c) => c.accountId === input.accountId)),
    'chats.modify': (input: {
      accountId: AccountId;
      chatId: string;
      action: { type: string; value?: boolean; untilMs?: number | null };
    }) => {
      const chat = findChat(input);
      if (!chat) return { ok: false, error: { code: 'NOT_FOUND', message: 'No such chat.' } };
      const { action } = input;
      if (action.type === 'pin') chat.pinnedAt = action.value ? Date.now() : null;
      if (action.type === 'archive') chat.isArchived = action.value ?? false;
      if (action.type === 'mute') chat.mutedUntil = action.untilMs ?? null;
      if (action.type === 'markRead') Object.assign(chat, { unreadCount: 0, isMarkedUnread: false });
      if (action.type === 'markUnread') chat.isMarkedUnread = true;
      later(150, () => emit(chat.accountId, [{ type: 'chats.upserted', chats: [chat] }]));
      return ok({ queued: true });
    },
    'messages.page': (input: {
      accountId: AccountId;
      chatId: string;
      beforeTimestamp: number | null;
      limit: number;
    }) => {
      const chat = findChat(input);
      if (!chat) return ok({ messages: [], hasMoreLocal: false });
      const list = world.messages.get(chatKeyOf(chat.accountId, chat.id)) ?? [];
      if (input.beforeTimestamp === null) return ok({ messages: list.slice(-input.limit), hasMoreLocal: true });
      const older = list.filter((m) => m.timestamp < input.beforeTimestamp!);
      if (older.length === 0 && list.length < 150) {
        // Synthesize an older page, as if main's archive reached further back.
        let t = input.beforeTimestamp;
        const page: Message[] = [];
        for (let i = 0; i < 30; i++) {
          t -= Math.floor(rand() * 8 * 3_600_000) + 60_000;
          page.unshift(
            textMessage(
              chat,
              t,
              rand() < 0.5 ? null : chat.contactId,
              pick(['Older message from the archive', 'Remember this?', 'Throwback 📸', 'ok']),
            ),
          );
        }
        list.unshift(...page);
        return ok({ messages: page, hasMoreLocal: list.length < 150 });
      }
      return ok({ messages: older.slice(-input.limit), hasMoreLocal: older.length > input.limit });
    },
    'messages.search': (input: { accountId: AccountId | null; query: string; limit: number }) => {
      const needle = input.query.toLowerCase();
      const hits = [...world.messages.values()]
        .flat()
        .filter(
          (m) =>
            (input.accountId === null || m.accountId === input.accountId) &&
            m.body.kind === 'text' &&
            m.body.text.toLowerCase().includes(needle),
        );
      return ok(hits.sort((a, b) => b.timestamp - a.timestamp).slice(0, input.limit));
    },
    'messages.sendText': (input: { accountId: AccountId; chatId: string; text: string; quotedId: string | null }) => {
      const chat = findChat(input);
      if (!chat) return { ok: false, error: { code: 'NOT_FOUND', message: 'No such chat.' } };
      const list = world.messages.get(chatKeyOf(chat.accountId, chat.id)) ?? [];
      const quotedMessage = list.find((m) => m.id === input.quotedId);
      const message: Message = {
        ...textMessage(chat, Date.now(), null, input.text),
        id: newMessageId(),
        isFromOtherDevice: false,
        status: 'pending',
        quoted: quotedMessage
          ? { id: quotedMessage.id, senderId: quotedMessage.senderId, preview: previewOf(quotedMessage)?.text ?? '' }
          : null,
      };
      upsertMessages(chat, [message]);
      for (const [ms, status] of [
        [500, 'sent'],
        [1500, 'delivered'],
        [3500, 'read'],
      ] as const) {
        later(ms, () => upsertMessages(chat, [{ ...message, status }]));
      }
      return ok({ messageId: message.id });
    },
    'media.download': (input: { accountId: AccountId; chatId: string; messageId: string }) => mediaFlow(input, false),
    'media.requestReupload': (input: { accountId: AccountId; chatId: string; messageId: string }) =>
      mediaFlow(input, true),
    ...fakeCommandHandlers({
      world,
      emit: (accountId, events) => emit(accountId, events),
      accountsChanged: () => accountsChanged(),
      upsertMessages,
      findChat,
      ok,
      later,
      mediaFlow: (input, isReupload) => mediaFlow(input, isReupload),
    }),
  };

  function mediaFlow(
    input: { accountId: AccountId; chatId: string; messageId: string },
    isReupload: boolean,
  ): Result<unknown> {
    const chat = findChat(input);
    const message =
      chat && world.messages.get(chatKeyOf(chat.accountId, chat.id))?.find((m) => m.id === input.messageId);
    if (!chat || message?.body.kind !== 'media')
      return { ok: false, error: { code: 'NOT_FOUND', message: 'No such media.' } };
    const body = message.body;
    const ref = { accountId: chat.accountId, chatId: chat.id, messageId: message.id };
    const before = body.media.state;
    const failsAgain = before.status === 'failed' && before.failure === 'phoneNotFound';
    const steps: [number, Extract<BridgeEvent, { type: 'media.changed' }>['state']][] = [
      ...(isReupload ? [[0, { status: 'reuploadRequested', requestedAt: Date.now() }] as [number, never]] : []),
      [isReupload ? 1500 : 0, { status: 'downloading', progress: 0.2 }],
      [isReupload ? 2200 : 700, { status: 'downloading', progress: 0.75 }],
      [
        isReupload ? 2900 : 1400,
        failsAgain
          ? { ...before, at: Date.now() + 1400 }
          : { status: 'ready', url: body.media.thumbnailDataUrl ?? photoDataUrl(10, 200) },
      ],
    ];
    for (const [ms, state] of steps) {
      later(ms, () => {
        body.media.state = state;
        emit(chat.accountId, [{ type: 'media.changed', ...ref, state }]);
      });
    }
    return ok({ queued: true });
  }

  return {
    send: async (name, input) => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      const handler = handlers[name];
      if (!handler) return ok({ queued: true });
      return handler(input as never);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
