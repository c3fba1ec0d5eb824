import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId, ContactId, EventBatch } from '../../../shared/src/index.js';
import { BridgeError } from '../../../electron/core/bridge/BridgeError.js';
import { AccountLockedError } from '../../../electron/core/session/accountLock.js';
import type { ChildMessage, ParentMessage } from '../../../electron/core/session/rpc.js';
import { fromWireError, RpcClient, toWireError } from '../../../electron/core/session/rpc.js';
import { WorkerProcess } from '../../../electron/core/session/WorkerProcess.js';
import { FAKE_WORKER_SCRIPT, silentLog, tempProfile, tsxSpawner } from './processFixtures.js';

const accountId = 'acct-rpc' as AccountId;

describe('rpc error mapping', () => {
  it.each([
    ['a BridgeError keeps its code and message', new BridgeError('NOT_FOUND', 'no chat x'), 'NOT_FOUND', 'no chat x'],
    [
      'AccountLockedError becomes ACCOUNT_LOCKED',
      new AccountLockedError(),
      'ACCOUNT_LOCKED',
      'This account is open in another window',
    ],
    [
      'any other error becomes INTERNAL without its details',
      new Error('SELECT * leaked'),
      'INTERNAL',
      'internal error in the account worker',
    ],
    ['a non-error throw becomes INTERNAL', 'just a string', 'INTERNAL', 'internal error in the account worker'],
  ])('%s', (_name, thrown, code, message) => {
    const wire = toWireError(thrown);
    expect(wire).toEqual({ code, message });
    const back = fromWireError(wire);
    expect(back).toBeInstanceOf(BridgeError);
    expect(back.code).toBe(code);
  });

  it('maps an unknown code from the wire to INTERNAL', () => {
    expect(fromWireError({ code: 'NOPE' as never, message: 'x' }).code).toBe('INTERNAL');
  });
});

describe('RpcClient', () => {
  it('matches answers to calls by id, whatever their order', async () => {
    const sent: ParentMessage[] = [];
    const rpc = new RpcClient((message) => sent.push(message));
    const first = rpc.call('startChat', '111');
    const second = rpc.call('startChat', '222');
    const [a, b] = sent as Extract<ParentMessage, { t: 'call' }>[];
    rpc.settle({ t: 'return', id: b!.id, ok: true, value: 'two' });
    rpc.settle({ t: 'return', id: a!.id, ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } });
    await expect(second).resolves.toBe('two');
    await expect(first).rejects.toMatchObject({ code: 'RATE_LIMITED', message: 'slow down' });
    expect(rpc.pendingCount).toBe(0);
  });

  it('rejects a call that is not answered in time and ignores the late answer', async () => {
    const sent: ParentMessage[] = [];
    const rpc = new RpcClient((message) => sent.push(message), 30);
    const call = rpc.call('summary');
    await expect(call).rejects.toMatchObject({ code: 'INTERNAL' });
    const late: ChildMessage = { t: 'return', id: (sent[0] as { id: number }).id, ok: true, value: null };
    expect(() => rpc.settle(late as Extract<ChildMessage, { t: 'return' }>)).not.toThrow();
  });

  it('fails every pending call when the worker dies', async () => {
    const rpc = new RpcClient(() => {});
    const calls = [rpc.call('summary'), rpc.call('logout')];
    rpc.failAll(new BridgeError('NOT_CONNECTED', 'gone'));
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });
});

describe('WorkerProcess (a real child process running the fake worker)', () => {
  let profile: ReturnType<typeof tempProfile>;
  let worker: WorkerProcess | null = null;
  beforeEach(() => {
    profile = tempProfile();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    profile.remove();
  });

  function spawn(env: Record<string, string> = {}, key?: Uint8Array): { worker: WorkerProcess; batches: EventBatch[] } {
    const batches: EventBatch[] = [];
    const spawned = WorkerProcess.spawn({
      spawner: tsxSpawner,
      script: FAKE_WORKER_SCRIPT,
      launch: { accountId, label: 'Work', accountDir: profile.dir, keyFileDir: key ? null : profile.dir },
      ...(key ? { key } : {}),
      env,
      log: silentLog,
      onBatch: (batch) => batches.push(batch),
      callTimeoutMs: 2_000,
      startTimeoutMs: 20_000,
    });
    worker = spawned;
    return { worker: spawned, batches };
  }

  it('round-trips calls, maps errors to BridgeError codes and forwards batches in order', async () => {
    const { worker, batches } = spawn();
    await worker.ready;
    await expect(worker.call('startChat', '15550002000')).resolves.toBe('15550002000@s.whatsapp.net');
    await expect(worker.call('setAlias', 'x@s.whatsapp.net' as ContactId, 'Al')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'no contact x@s.whatsapp.net',
    });
    const internal = await worker.call('search', 'boom', 10).catch((err: unknown) => err);
    expect(internal).toBeInstanceOf(BridgeError);
    expect(internal).toMatchObject({ code: 'INTERNAL' });
    expect((internal as Error).message).not.toContain('secret');
    await expect(worker.call('search', 'hang', 10)).rejects.toMatchObject({ code: 'INTERNAL' });
    // start() emitted seq 1, startChat seq 2: batches arrive before the call's answer.
    expect(batches.map((b) => b.seq)).toEqual([1, 2]);
    expect(batches[0]?.events[0]).toEqual({ type: 'connection.changed', accountId, state: { kind: 'open' } });
  });

  it('hands the store key down over IPC when the parent holds it', async () => {
    const { worker } = spawn({}, new Uint8Array(32).fill(7));
    await worker.ready;
    // The fake reports the key length it was given as messagesImported.
    await expect(worker.call('summary')).resolves.toMatchObject({ sync: { messagesImported: 32 } });
  });

  it('stops gracefully: the child answers stop and exits with code 0', async () => {
    const { worker } = spawn();
    await worker.ready;
    const exit = await worker.stop();
    expect(exit).toMatchObject({ code: 0, isRequested: true, fatal: null });
  });

  it('reports a worker that fails to start as fatal, and ready rejects', async () => {
    const { worker } = spawn({ FAKE_WORKER_FAIL_START: '1' });
    await expect(worker.ready).rejects.toMatchObject({ code: 'INTERNAL' });
    const exit = await worker.exited;
    expect(exit.fatal?.code).toBe('INTERNAL');
    expect(exit.isRequested).toBe(false);
  });

  it('rejects pending calls with NOT_CONNECTED when the child is SIGKILLed', async () => {
    const { worker } = spawn();
    await worker.ready;
    const pending = worker.call('search', 'hang', 10);
    process.kill(worker.pid!, 'SIGKILL');
    await expect(pending).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    expect(await worker.exited).toMatchObject({ signal: 'SIGKILL', isRequested: false });
  });
});
