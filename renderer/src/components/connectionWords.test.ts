import { describe, expect, it } from 'vitest';
import type { CloseReason } from '../../../shared/src/index.js';
import { describeConnection } from './connectionWords.js';

const closed = (reason: CloseReason) => ({ kind: 'closed' as const, reason });

describe('describeConnection: refusals and expiry the worker stops on', () => {
  it.each([
    ['qrExpired', 'QR code expired', 'relink', 'Get a new code'],
    ['pairingRejected', 'Pairing refused', 'relink', 'Get a new code'],
    ['untrustedServer', 'Server not trusted', 'takeOver', 'Try again'],
  ] as const)('%s → "%s" with one action', (reason, title, action, actionLabel) => {
    const words = describeConnection(closed(reason));
    expect(words).toMatchObject({ title, action, actionLabel });
    expect(words.detail.length).toBeGreaterThan(20);
  });

  it('says in words that the certificate was not trusted', () => {
    expect(describeConnection(closed('untrustedServer')).detail).toMatch(/certificate could not be verified/);
  });
});
