// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../shared/src/index.js';
import { messageFixture } from '../../testing/factories.js';
import { DELETE_FOR_EVERYONE_WINDOW_MS, EDIT_WINDOW_MS, messageActionsFor } from './messageActions.js';

const NOW = 1_800_000_000_000;
const failedMedia: Message['body'] = {
  kind: 'media',
  caption: null,
  media: {
    kind: 'image',
    mimeType: 'image/jpeg',
    fileName: null,
    sizeBytes: 1,
    durationSeconds: null,
    width: null,
    height: null,
    thumbnailDataUrl: null,
    state: { status: 'failed', failure: 'cdnGone', detail: '', httpStatus: 410, at: NOW },
  },
};

describe('messageActionsFor', () => {
  it.each<[string, Partial<Message>, string[]]>([
    ['an incoming text', { isFromMe: false, status: 'received' }, ['reply', 'react', 'copy', 'forward']],
    [
      'a fresh own text',
      { isFromMe: true, status: 'sent' },
      ['reply', 'react', 'copy', 'edit', 'forward', 'deleteForEveryone'],
    ],
    [
      'an own text past the edit window',
      { isFromMe: true, status: 'read', timestamp: NOW - EDIT_WINDOW_MS - 1 },
      ['reply', 'react', 'copy', 'forward', 'deleteForEveryone'],
    ],
    [
      'an own text past the delete window',
      { isFromMe: true, status: 'read', timestamp: NOW - DELETE_FOR_EVERYONE_WINDOW_MS - 1 },
      ['reply', 'react', 'copy', 'forward'],
    ],
    ['a failed send', { isFromMe: true, status: 'failed' }, ['retrySend', 'copy']],
    ['a pending send', { isFromMe: true, status: 'pending' }, ['copy']],
    ['a deleted message', { body: { kind: 'deleted' } }, []],
    ['failed media', { body: failedMedia }, ['reply', 'react', 'forward', 'mediaRecovery']],
    ['a poll', { body: { kind: 'poll', question: 'Q', options: [], selectableCount: 1 } }, ['reply', 'react']],
  ])('offers the right actions for %s', (_name, overrides, expected) => {
    const message = messageFixture({ timestamp: NOW - 1000, ...overrides });
    expect(messageActionsFor(message, NOW)).toEqual(expected);
  });
});
