import { describe, expect, it } from 'vitest';
import { disconnectInfoOf } from './disconnectInfoOf.js';

/** The shape of the @hapi/boom errors Baileys closes with (Boom is not our dependency). */
const boom = (message: string, statusCode: number): Error =>
  Object.assign(new Error(message), { output: { statusCode } });

describe('disconnectInfoOf', () => {
  it.each([
    ['noise intermediate certificate signature invalid', 'serverCertificate'],
    ['noise certificate signature invalid', 'serverCertificate'],
    ['noise leaf certificate does not match the server static key', 'serverCertificate'],
    ['noise leaf certificate not issued by the intermediate', 'serverCertificate'],
    ['noise leaf certificate outside its validity period', 'serverCertificate'],
    ['certification match failed', 'serverCertificate'],
    ['invalid noise leaf certificate', 'serverCertificate'],
    ['Failed to verify account signature', 'accountSignature'],
    ['Invalid account signature', 'accountSignature'],
  ] as const)('classifies "%s" as a %s failure', (message, trustFailure) => {
    const info = disconnectInfoOf(boom(message, 400), false);
    expect(info).toMatchObject({ statusCode: 400, trustFailure, message });
  });

  it('leaves ordinary closes unclassified and marks 408/428 as lost', () => {
    const refsEnded = disconnectInfoOf(boom('QR refs attempts ended', 408), true);
    expect(refsEnded).toEqual({
      statusCode: 408,
      message: 'QR refs attempts ended',
      isLost: true,
      isAwaitingPairing: true,
    });
    expect(disconnectInfoOf(undefined, false)).toEqual({ isLost: false, isAwaitingPairing: false });
  });
});
