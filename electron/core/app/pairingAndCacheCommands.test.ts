import { describe, expect, it } from 'vitest';
import type { AccountId, MediaCacheUsage } from '../../../shared/src/index.js';
import { createDispatcher } from '../bridge/dispatcher.js';
import { createAccountlessSessions } from './accountlessSessions.js';
import { createHandlers } from './createHandlers.js';
import type { AccountPort, SessionPort } from './SessionPort.js';

const ACCOUNT = 'acc1' as AccountId;

function dispatcherWith(port: Partial<AccountPort>) {
  const calls: unknown[][] = [];
  const recorded = Object.fromEntries(
    Object.entries(port).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        calls.push([name, ...args]);
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  );
  const sessions: SessionPort = { ...createAccountlessSessions(), account: () => recorded as unknown as AccountPort };
  return { dispatch: createDispatcher(createHandlers({ mode: 'browser', version: '0', sessions })), calls };
}

describe('accounts.requestPairingCode', () => {
  it('passes E.164 digits to the account and answers with the code and its expiry', async () => {
    const { dispatch, calls } = dispatcherWith({
      requestPairingCode: () => Promise.resolve({ code: 'ABCD2345', expiresAt: 1_000 }),
    });
    const result = await dispatch(
      { name: 'accounts.requestPairingCode', input: { accountId: ACCOUNT, phoneNumber: '15550001000' } },
      'ws',
    );
    expect(result).toMatchObject({ ok: true, value: { code: 'ABCD2345', expiresAt: 1_000 } });
    expect(calls).toEqual([['requestPairingCode', '15550001000']]);
  });

  it.each([
    ['a leading plus', '+15550001000'],
    ['spaces', '1 555 000 1000'],
    ['a leading zero (no country code)', '0555000100'],
    ['too few digits', '12345'],
    ['too many digits', '1234567890123456'],
  ])('refuses a number with %s, saying what is expected, without reaching the account', async (_what, phoneNumber) => {
    const { dispatch, calls } = dispatcherWith({ requestPairingCode: () => Promise.reject(new Error('unreachable')) });
    const result = await dispatch(
      { name: 'accounts.requestPairingCode', input: { accountId: ACCOUNT, phoneNumber } },
      'ws',
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(result.ok ? '' : result.error.message).toMatch(/phoneNumber: .*country code.*E\.164/);
    expect(calls).toEqual([]);
  });
});

describe('settings.setMediaCacheLimit', () => {
  const usage = (limitBytes: number): MediaCacheUsage => ({ usedBytes: 10, fileCount: 1, limitBytes });

  it('hands the new limit to the account and answers with the usage after eviction', async () => {
    const { dispatch, calls } = dispatcherWith({ setMediaCacheLimit: (limit) => Promise.resolve(usage(limit)) });
    const limitBytes = 512 * 1024 * 1024;
    const result = await dispatch(
      { name: 'settings.setMediaCacheLimit', input: { accountId: ACCOUNT, limitBytes } },
      'ws',
    );
    expect(result).toMatchObject({ ok: true, value: usage(limitBytes) });
    expect(calls).toEqual([['setMediaCacheLimit', limitBytes]]);
  });

  it.each([0, 1024, 1.5 * 1024 ** 3 + 0.5, 2 * 1024 ** 4])('refuses the limit %d', async (limitBytes) => {
    const { dispatch, calls } = dispatcherWith({ setMediaCacheLimit: (limit) => Promise.resolve(usage(limit)) });
    const result = await dispatch(
      { name: 'settings.setMediaCacheLimit', input: { accountId: ACCOUNT, limitBytes } },
      'ws',
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(calls).toEqual([]);
  });
});
