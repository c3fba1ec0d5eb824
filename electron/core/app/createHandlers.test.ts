import { describe, expect, it } from 'vitest';
import type { Account, AccountId, Message } from '../../../shared/src/index.js';
import { BridgeError } from '../bridge/BridgeError.js';
import { createDispatcher } from '../bridge/dispatcher.js';
import { createAccountlessSessions } from './accountlessSessions.js';
import { createHandlers } from './createHandlers.js';
import type { AccountPort, SessionPort } from './SessionPort.js';

const account = (id: string): Account => ({
  id: id as AccountId,
  label: id,
  phoneNumber: null,
  pushName: null,
  connection: { kind: 'open' },
  sync: {
    phase: 'complete',
    progress: null,
    chunksReceived: 0,
    chunksProcessed: 0,
    messagesImported: 0,
    lateChunks: 0,
    completeSource: null,
    lastChunkAt: null,
  },
});

function sessionsWith(search: Record<string, () => Promise<Message[]>>): SessionPort {
  const accounts = Object.keys(search).map(account);
  return {
    ...createAccountlessSessions(),
    listAccounts: () => accounts,
    account: (id) => ({ search: search[id] }) as unknown as AccountPort,
  };
}

const hit = (id: string, timestamp: number): Message => ({ id, timestamp }) as unknown as Message;

describe('messages.search across every account', () => {
  it('skips an account whose worker is unavailable instead of failing the whole search', async () => {
    const sessions = sessionsWith({
      work: () => Promise.resolve([hit('a', 1), hit('b', 3)]),
      home: () => Promise.reject(new BridgeError('ACCOUNT_LOCKED', 'This account is open in another window')),
    });
    const dispatch = createDispatcher(createHandlers({ mode: 'browser', version: '0', sessions }));
    const result = await dispatch({ name: 'messages.search', input: { accountId: null, query: 'x', limit: 10 } }, 'ws');
    expect(result).toMatchObject({ ok: true, value: [{ id: 'b' }, { id: 'a' }] });
  });

  it('reports the failure when no account could answer', async () => {
    const sessions = sessionsWith({
      home: () => Promise.reject(new BridgeError('NOT_CONNECTED', 'restarting')),
    });
    const dispatch = createDispatcher(createHandlers({ mode: 'browser', version: '0', sessions }));
    const result = await dispatch({ name: 'messages.search', input: { accountId: null, query: 'x', limit: 10 } }, 'ws');
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
  });
});
