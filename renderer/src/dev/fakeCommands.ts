import type {
  Account,
  AccountId,
  BridgeEvent,
  Chat,
  ChatId,
  Contact,
  ContactId,
  MediaState,
  Message,
  Result,
} from '../../../shared/src/index.js';
import { type World, chatKeyOf, newMessageId, textMessage } from './fakeData.js';
import { photoDataUrl } from './fakeMedia.js';

/* Dev-only: the fake bridge's handlers for message actions, attachments, contacts and accounts. */
type MessageRefInput = { accountId: AccountId; chatId: string; messageId: string };
export type FakeContext = {
  readonly world: World;
  readonly emit: (accountId: AccountId | null, events: BridgeEvent[]) => void;
  readonly accountsChanged: () => void;
  readonly upsertMessages: (chat: Chat, messages: Message[]) => void;
  readonly findChat: (input: { accountId: AccountId; chatId: string }) => Chat | undefined;
  readonly ok: <T>(value: T) => Result<unknown>;
  readonly later: (ms: number, fn: () => void) => void;
  readonly mediaFlow: (input: MessageRefInput, isReupload: boolean) => Result<unknown>;
};

const notFound = (message: string): Result<unknown> => ({ ok: false, error: { code: 'NOT_FOUND', message } });

/** Failed media spread over a few Work chats, so the recovery centre has something to recover. */
export function addFailedMedia(world: World, now: number): void {
  const chats = world.chats.filter((chat) => chat.accountId === 'work' && !chat.isGroup).slice(1, 5);
  const failures: [Message['body'], number][] = [
    [mediaBody('document', 'Q3-report.pdf', 'application/pdf', failed('timedOut', null, now - 3_600_000)), 3],
    [mediaBody('image', null, 'image/jpeg', failed('phoneNotFound', null, now - 7_200_000)), 9],
    [mediaBody('video', null, 'video/mp4', failed('cdnError', 502, now - 86_400_000)), 26],
    [mediaBody('image', null, 'image/jpeg', failed('cdnGone', 410, now - 2 * 86_400_000)), 50],
  ];
  failures.forEach(([body, hoursAgo], index) => {
    const chat = chats[index % chats.length];
    if (!chat) return;
    const list = world.messages.get(chatKeyOf(chat.accountId, chat.id)) ?? [];
    const message: Message = { ...textMessage(chat, now - hoursAgo * 3_600_000, chat.contactId, ''), body };
    list.push(message);
    list.sort((a, b) => a.timestamp - b.timestamp);
  });
  const petra = world.contacts.get('work' as AccountId)?.find((contact) => contact.phoneNumber === '4917612345002');
  if (petra) Object.assign(petra, { lid: '203849572910384@lid' });
}

function failed(failure: Extract<MediaState, { status: 'failed' }>['failure'], httpStatus: number | null, at: number) {
  return { status: 'failed' as const, failure, detail: '', httpStatus, at };
}

function mediaBody(
  kind: 'image' | 'video' | 'document',
  fileName: string | null,
  mimeType: string,
  state: MediaState,
): Message['body'] {
  return {
    kind: 'media',
    caption: null,
    media: {
      kind,
      mimeType,
      fileName,
      sizeBytes: 1_400_000,
      durationSeconds: kind === 'video' ? 42 : null,
      width: kind === 'document' ? null : 300,
      height: kind === 'document' ? null : 200,
      thumbnailDataUrl: kind === 'document' ? null : photoDataUrl(kind === 'video' ? 260 : 30, 200),
      state,
    },
  };
}

export function fakeCommandHandlers(ctx: FakeContext): Record<string, (input: never) => Result<unknown>> {
  const { world, ok, later, findChat, upsertMessages } = ctx;
  const find = (input: MessageRefInput) => {
    const chat = findChat(input);
    const message =
      chat && world.messages.get(chatKeyOf(chat.accountId, chat.id))?.find((m) => m.id === input.messageId);
    return chat && message ? { chat, message } : null;
  };
  const ownId = (accountId: AccountId) =>
    `${world.accounts.find((a) => a.id === accountId)?.phoneNumber ?? '0'}@s.whatsapp.net` as ContactId;
  const deliver = (chat: Chat, message: Message) => {
    upsertMessages(chat, [message]);
    later(600, () => upsertMessages(chat, [{ ...message, status: 'sent' }]));
    later(1600, () => upsertMessages(chat, [{ ...message, status: 'delivered' }]));
  };

  return {
    'messages.react': (input: MessageRefInput & { emoji: string }) => {
      const found = find(input);
      if (!found) return notFound('No such message.');
      const me = ownId(input.accountId);
      const reactions = found.message.reactions.filter((r) => r.senderId !== me);
      if (input.emoji) reactions.push({ senderId: me, emoji: input.emoji, at: Date.now() });
      later(150, () => upsertMessages(found.chat, [{ ...found.message, reactions }]));
      return ok({ queued: true });
    },
    'messages.edit': (input: MessageRefInput & { text: string }) => {
      const found = find(input);
      if (!found) return notFound('No such message.');
      later(300, () =>
        upsertMessages(found.chat, [
          { ...found.message, body: { kind: 'text', text: input.text }, editedAt: Date.now() },
        ]),
      );
      return ok({ queued: true });
    },
    'messages.deleteForEveryone': (input: MessageRefInput) => {
      const found = find(input);
      if (!found) return notFound('No such message.');
      later(300, () => upsertMessages(found.chat, [{ ...found.message, body: { kind: 'deleted' }, reactions: [] }]));
      return ok({ queued: true });
    },
    'messages.forward': (input: MessageRefInput & { toChatId: string }) => {
      const found = find(input);
      const target = findChat({ accountId: input.accountId, chatId: input.toChatId });
      if (!found || !target) return notFound('No such message or chat.');
      const copy: Message = {
        ...found.message,
        chatId: target.id,
        id: newMessageId(),
        senderId: null,
        isFromMe: true,
        isFromOtherDevice: false,
        timestamp: Date.now(),
        status: 'pending',
        quoted: null,
        reactions: [],
        editedAt: null,
        isForwarded: true,
      };
      deliver(target, copy);
      return ok({ messageId: copy.id });
    },
    'messages.retrySend': (input: MessageRefInput) => {
      const found = find(input);
      if (!found) return notFound('No such message.');
      deliver(found.chat, { ...found.message, status: 'pending', failure: null });
      return ok({ queued: true });
    },
    'messages.sendAttachment': (input: {
      accountId: AccountId;
      chatId: string;
      kind: 'image' | 'document';
      fileName: string;
      mimeType: string;
      dataBase64: string;
      caption: string | null;
    }) => {
      const chat = findChat(input);
      if (!chat) return notFound('No such chat.');
      const url = `data:${input.mimeType};base64,${input.dataBase64}`;
      const message: Message = {
        ...textMessage(chat, Date.now(), null, ''),
        isFromOtherDevice: false,
        status: 'pending',
        body: {
          kind: 'media',
          caption: input.caption,
          media: {
            kind: input.kind,
            mimeType: input.mimeType,
            fileName: input.fileName,
            sizeBytes: Math.floor((input.dataBase64.length * 3) / 4),
            durationSeconds: null,
            width: null,
            height: null,
            thumbnailDataUrl: input.kind === 'image' ? url : null,
            state: { status: 'ready', url },
          },
        },
      };
      deliver(chat, message);
      return ok({ messageId: message.id });
    },
    'media.retryAllFailed': (input: { accountId: AccountId }) => {
      const failedItems = [...world.messages.values()]
        .flat()
        .filter(
          (m) => m.accountId === input.accountId && m.body.kind === 'media' && m.body.media.state.status === 'failed',
        );
      failedItems.forEach((m, index) =>
        later(900 * index, () => {
          const state = m.body.kind === 'media' ? m.body.media.state : null;
          const ref = { accountId: m.accountId, chatId: m.chatId, messageId: m.id };
          ctx.mediaFlow(ref, state?.status === 'failed' && state.failure === 'cdnGone');
        }),
      );
      return ok({ queuedCount: failedItems.length });
    },
    'contacts.setAlias': (input: { accountId: AccountId; contactId: string; alias: string | null }) => {
      const contact = world.contacts.get(input.accountId)?.find((c) => c.id === input.contactId);
      if (!contact) return notFound('No such contact.');
      const names = contact.names.filter((name) => name.source !== 'alias');
      if (input.alias) names.unshift({ source: 'alias', name: input.alias });
      Object.assign(contact, { names, updatedAt: Date.now() });
      later(100, () =>
        ctx.emit(input.accountId, [{ type: 'contacts.upserted', accountId: input.accountId, contacts: [contact] }]),
      );
      return ok(contact);
    },
    'chats.start': (input: { accountId: AccountId; phoneNumber: string }) => {
      const contactId = `${input.phoneNumber}@s.whatsapp.net` as ContactId;
      const existing = world.chats.find((c) => c.accountId === input.accountId && c.contactId === contactId);
      if (existing) return ok({ chatId: existing.id });
      const contacts = world.contacts.get(input.accountId) ?? [];
      let contact = contacts.find((c) => c.id === contactId);
      if (!contact) {
        contact = {
          id: contactId,
          phoneNumber: input.phoneNumber,
          lid: null,
          names: [],
          isGroup: false,
          updatedAt: Date.now(),
        } satisfies Contact;
        contacts.push(contact);
      }
      const chat: Chat = {
        accountId: input.accountId,
        id: contactId as string as ChatId,
        contactId,
        isGroup: false,
        subject: null,
        lastMessageAt: Date.now(),
        preview: null,
        unreadCount: 0,
        isMarkedUnread: false,
        pinnedAt: null,
        isArchived: false,
        mutedUntil: null,
        oldestMessageAt: null,
        isHistoryExhausted: true,
      };
      world.chats.push(chat);
      world.messages.set(chatKeyOf(chat.accountId, chat.id), []);
      ctx.emit(input.accountId, [
        { type: 'contacts.upserted', accountId: input.accountId, contacts: [contact] },
        { type: 'chats.upserted', chats: [chat] },
      ]);
      return ok({ chatId: chat.id });
    },
    'accounts.logout': (input: { accountId: AccountId }) => {
      const account = world.accounts.find((a) => a.id === input.accountId);
      if (!account) return notFound('No such account.');
      later(400, () => {
        account.connection = { kind: 'closed', reason: 'loggedOut' };
        ctx.emit(input.accountId, [
          { type: 'connection.changed', accountId: input.accountId, state: account.connection },
        ]);
      });
      return ok({ queued: true });
    },
    'accounts.remove': (input: { accountId: AccountId; deleteArchive: boolean }) => {
      const index = world.accounts.findIndex((a: Account) => a.id === input.accountId);
      if (index < 0) return notFound('No such account.');
      world.accounts.splice(index, 1);
      const chatIds = world.chats.filter((c) => c.accountId === input.accountId).map((c) => c.id);
      later(300, () => {
        ctx.emit(input.accountId, [{ type: 'chats.removed', accountId: input.accountId, chatIds }]);
        ctx.accountsChanged();
      });
      return ok({ queued: true });
    },
    'history.requestOlder': (input: { accountId: AccountId; chatId: string }) => {
      const chat = findChat(input);
      if (!chat) return notFound('No such chat.');
      later(1500, () => {
        chat.isHistoryExhausted = true;
        ctx.emit(chat.accountId, [{ type: 'chats.upserted', chats: [chat] }]);
      });
      return ok({ queued: true });
    },
  };
}
