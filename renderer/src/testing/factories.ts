import type {
  AccountId,
  Chat,
  ChatId,
  Contact,
  ContactId,
  EventBatch,
  Message,
  MessageId,
} from '../../../shared/src/index.js';

// Test fixtures: factories with overrides.
export const ACCOUNT_A = 'acc-a' as AccountId;

export function chatFixture(overrides: Partial<Chat> = {}): Chat {
  return {
    accountId: ACCOUNT_A,
    id: 'chat-1' as ChatId,
    contactId: 'contact-1' as ContactId,
    isGroup: false,
    subject: null,
    lastMessageAt: 1_700_000_000_000,
    preview: null,
    unreadCount: 0,
    isMarkedUnread: false,
    pinnedAt: null,
    isArchived: false,
    mutedUntil: null,
    oldestMessageAt: null,
    isHistoryExhausted: false,
    ...overrides,
  };
}

export function messageFixture(overrides: Partial<Message> = {}): Message {
  return {
    accountId: ACCOUNT_A,
    chatId: 'chat-1' as ChatId,
    id: 'msg-1' as MessageId,
    senderId: 'contact-1' as ContactId,
    isFromMe: false,
    isFromOtherDevice: false,
    timestamp: 1_700_000_000_000,
    orderKey: 1,
    status: 'received',
    body: { kind: 'text', text: 'hello' },
    quoted: null,
    reactions: [],
    editedAt: null,
    isForwarded: false,
    failure: null,
    ...overrides,
  };
}

export function contactFixture(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'contact-1' as ContactId,
    phoneNumber: '4915112345678',
    lid: null,
    names: [],
    isGroup: false,
    updatedAt: 0,
    ...overrides,
  };
}

export function batchFixture(
  seq: number,
  events: EventBatch['events'],
  accountId: AccountId | null = ACCOUNT_A,
): EventBatch {
  return { accountId, seq, events };
}
