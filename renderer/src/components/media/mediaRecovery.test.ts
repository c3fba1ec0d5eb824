// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { MediaState, Message, MessageId } from '../../../../shared/src/index.js';
import { messageFixture } from '../../testing/factories.js';
import { recoveryCommandFor, recoveryProgress } from './mediaRecovery.js';

function media(id: string, state: MediaState): Message {
  return messageFixture({
    id: id as MessageId,
    body: {
      kind: 'media',
      caption: null,
      media: {
        kind: 'image',
        mimeType: 'image/jpeg',
        fileName: null,
        sizeBytes: 10,
        durationSeconds: null,
        width: null,
        height: null,
        thumbnailDataUrl: null,
        state,
      },
    },
  });
}
const failedAt = (at: number): MediaState => ({
  status: 'failed',
  failure: 'timedOut',
  detail: '',
  httpStatus: null,
  at,
});

describe('recoveryCommandFor', () => {
  it.each([
    ['cdnGone', 'media.requestReupload'],
    ['cdnError', 'media.download'],
    ['timedOut', 'media.download'],
    ['notConnected', 'media.download'],
  ] as const)('retries %s with %s', (failure, command) => {
    expect(recoveryCommandFor(failure)).toBe(command);
  });
});

describe('recoveryProgress', () => {
  const tracked = new Map([
    ['a', 100],
    ['b', 100],
    ['c', 100],
    ['d', 100],
  ]);
  it('counts ready items as recovered and newer failures as failed again', () => {
    const progress = recoveryProgress(tracked, [
      media('a', { status: 'ready', url: 'blob:x' }),
      media('b', failedAt(150)),
      media('c', failedAt(50)),
      media('d', { status: 'reuploadRequested', requestedAt: 120 }),
    ]);
    expect(progress).toEqual({ total: 4, recovered: 1, failedAgain: 1, inFlight: 2, isDone: false });
  });
  it('is done when every item settled', () => {
    const progress = recoveryProgress(new Map([['a', 100]]), [media('a', failedAt(101))]);
    expect(progress.isDone).toBe(true);
  });
  it('is not done before anything was tracked', () => {
    expect(recoveryProgress(new Map(), []).isDone).toBe(false);
  });
});
