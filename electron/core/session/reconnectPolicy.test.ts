import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RECONNECT_MAX_DELAY_MS, decideReconnect } from './reconnectPolicy.js';
import type { DisconnectInfo, ReconnectDecision } from './reconnectPolicy.js';

const config = { baseDelayMs: 1_000, maxDelayMs: 30_000 };
const half = (): number => 0.5;

describe('decideReconnect', () => {
  it.each<[string, DisconnectInfo, number, ReconnectDecision]>([
    [
      '515 restart required → reconnect at once',
      { statusCode: 515 },
      3,
      { action: 'reconnectNow', closeReason: 'restartRequired' },
    ],
    [
      '440 replaced → stop, offer take-over',
      { statusCode: 440 },
      0,
      { action: 'stop', closeReason: 'openedElsewhere', offer: 'takeOver' },
    ],
    [
      '401 logged out → stop, offer re-pair',
      { statusCode: 401 },
      0,
      { action: 'stop', closeReason: 'loggedOut', offer: 'repair' },
    ],
    ['403 forbidden → banned', { statusCode: 403 }, 0, { action: 'stop', closeReason: 'banned', offer: 'none' }],
    [
      '411 mismatch → stop, offer re-pair',
      { statusCode: 411 },
      0,
      { action: 'stop', closeReason: 'mismatch', offer: 'repair' },
    ],
    ['408 lost → backoff', { statusCode: 408 }, 0, { action: 'backoff', delayMs: 500, closeReason: 'transient' }],
    ['428 closed → backoff', { statusCode: 428 }, 1, { action: 'backoff', delayMs: 1_000, closeReason: 'transient' }],
    [
      '503 unavailable → backoff',
      { statusCode: 503 },
      2,
      { action: 'backoff', delayMs: 2_000, closeReason: 'transient' },
    ],
    [
      'no status → backoff',
      { message: 'Connection Terminated' },
      0,
      { action: 'backoff', delayMs: 500, closeReason: 'transient' },
    ],
    ['lost connection → backoff', { isLost: true }, 0, { action: 'backoff', delayMs: 500, closeReason: 'transient' }],
    [
      'lost with an odd code → transient',
      { statusCode: 599, isLost: true },
      0,
      { action: 'backoff', delayMs: 500, closeReason: 'transient' },
    ],
    [
      '440 stops even when flagged lost',
      { statusCode: 440, isLost: true },
      0,
      { action: 'stop', closeReason: 'openedElsewhere', offer: 'takeOver' },
    ],
    [
      '500 bad session → backoff, never wipe',
      { statusCode: 500 },
      0,
      { action: 'backoff', delayMs: 500, closeReason: 'badSession' },
    ],
    ['unknown code → backoff', { statusCode: 599 }, 0, { action: 'backoff', delayMs: 500, closeReason: 'unknown' }],
    [
      '408 while awaiting pairing (QR refs ran out) → stop, offer a new code',
      { statusCode: 408, isAwaitingPairing: true, isLost: true },
      0,
      { action: 'stop', closeReason: 'qrExpired', offer: 'repair' },
    ],
    [
      '408 on a paired account → transient backoff',
      { statusCode: 408, isAwaitingPairing: false, isLost: true },
      0,
      { action: 'backoff', delayMs: 500, closeReason: 'transient' },
    ],
    [
      '428 while awaiting pairing → backoff (a new socket shows new codes)',
      { statusCode: 428, isAwaitingPairing: true },
      0,
      { action: 'backoff', delayMs: 500, closeReason: 'transient' },
    ],
    [
      'untrusted certificate chain → stop, offer retry',
      { statusCode: 400, trustFailure: 'serverCertificate' },
      0,
      { action: 'stop', closeReason: 'untrustedServer', offer: 'takeOver' },
    ],
    [
      'forged account signature at pairing → stop, offer re-pair',
      { statusCode: 500, trustFailure: 'accountSignature', isAwaitingPairing: true },
      0,
      { action: 'stop', closeReason: 'pairingRejected', offer: 'repair' },
    ],
    ['delay is capped', { statusCode: 408 }, 20, { action: 'backoff', delayMs: 15_000, closeReason: 'transient' }],
    [
      'huge attempt stays finite',
      { statusCode: 408 },
      5_000,
      { action: 'backoff', delayMs: 15_000, closeReason: 'transient' },
    ],
  ])('%s', (_name, reason, attempt, expected) => {
    expect(decideReconnect(reason, attempt, half, config)).toEqual(expected);
  });

  it('440, trust failures and expired QR codes stop at every attempt: they never loop', () => {
    const stoppers: DisconnectInfo[] = [
      { statusCode: 440 },
      { statusCode: 400, trustFailure: 'serverCertificate' },
      { statusCode: 500, trustFailure: 'accountSignature' },
      { statusCode: 408, isAwaitingPairing: true },
    ];
    for (const reason of stoppers) {
      for (let attempt = 0; attempt < 50; attempt++) {
        expect(decideReconnect(reason, attempt, Math.random).action).toBe('stop');
      }
    }
  });

  it('backoff delays stay within [0, cap] for any attempt and random value', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 999 })),
        (attempt, r, code) => {
          const d = decideReconnect({ statusCode: code ?? undefined }, attempt, () => r);
          if (d.action === 'backoff') {
            expect(d.delayMs).toBeGreaterThanOrEqual(0);
            expect(d.delayMs).toBeLessThanOrEqual(RECONNECT_MAX_DELAY_MS);
            expect(Number.isInteger(d.delayMs)).toBe(true);
          }
        },
      ),
    );
  });
});
