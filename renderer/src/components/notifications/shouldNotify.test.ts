// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ChatId, Message } from '../../../../shared/src/index.js';
import { ACCOUNT_A, chatFixture, messageFixture } from '../../testing/factories.js';
import { NOTIFY_MAX_AGE_MS, type NotifyContext, shouldNotify, titleWithUnread } from './shouldNotify.js';

const NOW = 1_800_000_000_000;
const chat = chatFixture();
const elsewhere: NotifyContext = { now: NOW, openChat: null, isWindowFocused: true };
const incoming = (overrides: Partial<Message> = {}) => messageFixture({ timestamp: NOW - 1000, ...overrides });

describe('shouldNotify', () => {
  it.each<[string, Message, Parameters<typeof shouldNotify>[1], NotifyContext, boolean]>([
    ['a new incoming message', incoming(), chat, elsewhere, true],
    ['my own message', incoming({ isFromMe: true, status: 'sent' }), chat, elsewhere, false],
    ['history catching up', incoming({ timestamp: NOW - NOTIFY_MAX_AGE_MS - 1 }), chat, elsewhere, false],
    ['a muted chat', incoming(), chatFixture({ mutedUntil: NOW + 1000 }), elsewhere, false],
    ['a mute that ran out', incoming(), chatFixture({ mutedUntil: NOW - 1000 }), elsewhere, true],
    [
      'the open chat, window focused',
      incoming(),
      chat,
      { ...elsewhere, openChat: { accountId: ACCOUNT_A, chatId: chat.id } },
      false,
    ],
    [
      'the open chat, window in the background',
      incoming(),
      chat,
      { ...elsewhere, openChat: { accountId: ACCOUNT_A, chatId: chat.id }, isWindowFocused: false },
      true,
    ],
    [
      'another chat while one is open',
      incoming(),
      chat,
      { ...elsewhere, openChat: { accountId: ACCOUNT_A, chatId: 'other' as ChatId } },
      true,
    ],
    ['a deletion', incoming({ body: { kind: 'deleted' } }), chat, elsewhere, false],
  ])('%s → %s', (_name, message, target, context, expected) => {
    expect(shouldNotify(message, target, context)).toBe(expected);
  });
});

describe('titleWithUnread', () => {
  it('prefixes the unread count', () => {
    expect(titleWithUnread('WA Inbox', 3)).toBe('(3) WA Inbox');
    expect(titleWithUnread('WA Inbox', 0)).toBe('WA Inbox');
  });
});
