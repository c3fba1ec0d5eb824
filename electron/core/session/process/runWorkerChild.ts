import type { Logger } from 'pino';
import type { KeyProvider } from '../../store/keyProvider.js';
import { FileKeyProvider, staticKeyProvider } from '../../store/keyProvider.js';
import { createLogger } from '../../util/logger.js';
import { acquireAccountLock, AccountLockedError } from '../accountLock.js';
import type { AccountLock } from '../accountLock.js';
import type { AccountWorkerApi, AccountWorkerOptions, BatchSink } from '../AccountWorkerApi.js';
import type { ChildMessage, ParentMessage } from '../rpc.js';
import { toWireError } from '../rpc.js';
import type { ParentPort } from './ParentPort.js';
import { currentParentPort } from './ParentPort.js';
import type { WorkerLaunch } from './workerLaunch.js';
import { readLaunch } from './workerLaunch.js';
import { isWorkerMethod } from './workerMethods.js';

/** Exit codes the parent can tell apart in its logs. */
export const WORKER_EXIT = { stopped: 0, fatal: 70, locked: 75, orphaned: 76 } as const;

export type WorkerDeps = { readonly log: Logger; readonly keyProvider: KeyProvider; readonly emit: BatchSink };
export type WorkerFactory = (options: AccountWorkerOptions, deps: WorkerDeps) => AccountWorkerApi;

export type RunWorkerChildOptions = {
  readonly createWorker: WorkerFactory;
  readonly port?: ParentPort;
  readonly env?: NodeJS.ProcessEnv;
};

/**
 * The body of every worker child entry (production `workerMain`, the demo entry, test fakes):
 * take the account lock, get the store key, build the worker, start it, say `ready`, then serve
 * calls until `stop`. Anything that goes wrong before `ready` is reported as `{t:'fatal'}` and
 * ends the process, so the parent never waits on a half-started worker.
 */
export async function runWorkerChild(options: RunWorkerChildOptions): Promise<void> {
  const port = options.port ?? currentParentPort();
  const launch = readLaunch(options.env ?? process.env);
  // The worker adds its own module/account fields to `rootLog`; ours name the process runtime.
  const rootLog = createLogger(launch.logLevel);
  const log = rootLog.child({ module: 'worker-process', accountId: launch.accountId });
  // Buffer parent messages that arrive while we are still starting (the key, early calls).
  const inbox: ParentMessage[] = [];
  let deliver: (message: ParentMessage) => void = (message) => inbox.push(message);
  port.onMessage((message) => deliver(message));
  // Without a parent nobody can reach this worker, and it would keep the account locked.
  port.onDisconnect(() => process.exit(WORKER_EXIT.orphaned));

  let lock: AccountLock;
  try {
    lock = acquireAccountLock(launch.accountDir, launch.nativeBinding ? { nativeBinding: launch.nativeBinding } : {});
  } catch (err) {
    if (!(err instanceof AccountLockedError)) log.error({ err }, 'cannot take the account lock');
    return die(port, err, err instanceof AccountLockedError ? WORKER_EXIT.locked : WORKER_EXIT.fatal);
  }

  let worker: AccountWorkerApi;
  try {
    const keyProvider = await keyProviderFor(launch, inbox, (next) => (deliver = next));
    const emit: BatchSink = (batch) => port.send({ t: 'batch', batch });
    worker = options.createWorker(
      { accountId: launch.accountId, label: launch.label, accountDir: launch.accountDir },
      { log: rootLog, keyProvider, emit },
    );
    await worker.start();
  } catch (err) {
    log.error({ err }, 'account worker failed to start');
    lock.release();
    return die(port, err, WORKER_EXIT.fatal);
  }

  const serve = (message: ParentMessage): void => {
    if (message.t !== 'call') return;
    void answer(worker, message, log).then((reply) => {
      if (message.method !== 'stop' || !reply.ok) return port.send(reply);
      lock.release();
      // Exit only once the reply has left, or the parent waits for it until its timeout.
      port.send(reply, () => process.exit(WORKER_EXIT.stopped));
    });
  };
  deliver = serve;
  for (const message of inbox.splice(0)) serve(message);
  port.send({ t: 'ready' });
  log.info({ pid: process.pid }, 'account worker ready');
}

async function answer(
  worker: AccountWorkerApi,
  message: Extract<ParentMessage, { t: 'call' }>,
  log: Logger,
): Promise<Extract<ChildMessage, { t: 'return' }>> {
  const { id, method, args } = message;
  try {
    if (!isWorkerMethod(method)) throw new Error(`unknown worker method ${String(method)}`);
    const fn = worker[method] as ((...a: unknown[]) => Promise<unknown>) | undefined;
    if (!fn) throw new Error(`the worker does not implement ${method}`);
    const value = await fn.apply(worker, [...args]);
    return { t: 'return', id, ok: true, value: value ?? null };
  } catch (err) {
    const error = toWireError(err);
    // Refusals (NOT_FOUND, INVALID_INPUT …) are normal; only unexpected failures are worth a stack.
    if (error.code === 'INTERNAL') log.error({ err, method }, 'worker call failed');
    return { t: 'return', id, ok: false, error };
  }
}

function keyProviderFor(
  launch: WorkerLaunch,
  inbox: ParentMessage[],
  setDeliver: (deliver: (message: ParentMessage) => void) => void,
): Promise<KeyProvider> {
  if (launch.keyFileDir !== null) return Promise.resolve(new FileKeyProvider(launch.keyFileDir));
  return new Promise((resolve) => {
    const take = (message: ParentMessage): boolean => {
      if (message.t !== 'key') return false;
      resolve(staticKeyProvider(new Uint8Array(Buffer.from(message.key, 'base64')), 'key from the parent process'));
      return true;
    };
    const early = inbox.findIndex((message) => message.t === 'key');
    if (early >= 0) {
      take(inbox.splice(early, 1)[0] as ParentMessage);
      return;
    }
    setDeliver((message) => {
      if (!take(message)) inbox.push(message);
    });
  });
}

function die(port: ParentPort, err: unknown, code: number): void {
  port.send({ t: 'fatal', error: toWireError(err) }, () => process.exit(code));
}
