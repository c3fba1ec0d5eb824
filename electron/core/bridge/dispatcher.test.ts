import { describe, expect, it } from 'vitest';
import { createHandlers } from '../app/createHandlers.js';
import { createAccountlessSessions } from '../app/accountlessSessions.js';
import { BridgeError } from './BridgeError.js';
import { createDispatcher } from './dispatcher.js';
import type { Handlers } from './handlers.js';

const base = createHandlers({ mode: 'browser', version: '1.2.3', sessions: createAccountlessSessions() });

describe('createDispatcher', () => {
  const dispatch = createDispatcher(base);

  it('answers a valid command with an accepted Result carrying a command id', async () => {
    const result = await dispatch({ name: 'app.ping', input: { nonce: 'a' } }, 'internal');
    expect(result).toMatchObject({ ok: true, value: { nonce: 'a' } });
    expect(result.ok && result.commandId.length).toBeGreaterThan(8);
  });

  it.each([
    ['unknown command', { name: 'app.nope', input: {} }],
    ['inherited property as a name', { name: 'toString', input: {} }],
    ['extra input field', { name: 'app.ping', input: { nonce: 'a', admin: true } }],
    ['missing input field', { name: 'app.ping', input: {} }],
    ['wrong input type', { name: 'app.ping', input: { nonce: 5 } }],
    ['extra envelope field', { name: 'app.ping', input: { nonce: 'a' }, x: 1 }],
    ['not an object', 'app.ping'],
  ])('refuses %s with INVALID_INPUT', async (_case, envelope) => {
    expect(await dispatch(envelope, 'internal')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses an oversized command before validating it', async () => {
    const result = await dispatch({ name: 'app.ping', input: { nonce: 'a' } }, 'ws', 64 * 1024 * 1024);
    expect(result).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('turns a BridgeError into its code and any other exception into INTERNAL without details', async () => {
    const failing: Handlers = {
      ...base,
      'app.ping': () => {
        throw new BridgeError('NOT_CONNECTED', 'offline');
      },
      'app.getInfo': () => {
        throw new Error('secret stack detail');
      },
    };
    const d = createDispatcher(failing);
    expect(await d({ name: 'app.ping', input: { nonce: 'a' } }, 'internal')).toEqual({
      ok: false,
      error: { code: 'NOT_CONNECTED', message: 'offline' },
    });
    expect(await d({ name: 'app.getInfo', input: {} }, 'internal')).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'internal error' },
    });
  });

  it('refuses account-bound commands for unknown accounts with NOT_FOUND', async () => {
    const result = await dispatch(
      { name: 'chats.list', input: { accountId: 'nobody', limit: 10, beforeActivity: null } },
      'internal',
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
