import type { ErrorCode, EventBatch } from '../../../shared/src/index.js';
import { ErrorCodeSchema } from '../../../shared/src/index.js';
import { BridgeError } from '../bridge/BridgeError.js';
import type { AccountWorkerApi } from './AccountWorkerApi.js';

/*
 * The wire protocol between the session manager (parent) and one account worker (child), carried
 * over the IPC channel of `child_process.fork` or Electron's `utilityProcess`. Plain JSON-able
 * objects only: both channels clone them, and neither keeps prototypes, so errors travel as
 * `{code, message}` and become `BridgeError`s again on the parent side.
 */

/** Everything the parent may call; `start` is not here because the child starts itself. */
export type WorkerMethod = Exclude<keyof AccountWorkerApi, 'start'>;
type Api = Required<AccountWorkerApi>;
export type MethodArgs<K extends WorkerMethod> = Parameters<Api[K]>;
export type MethodResult<K extends WorkerMethod> = Awaited<ReturnType<Api[K]>>;

export type WireError = { readonly code: ErrorCode; readonly message: string };

export type ParentMessage =
  | { readonly t: 'call'; readonly id: number; readonly method: WorkerMethod; readonly args: readonly unknown[] }
  /** The store key, sent only when the parent holds it (Electron safeStorage); base64. */
  | { readonly t: 'key'; readonly key: string };

export type ChildMessage =
  | { readonly t: 'return'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly t: 'return'; readonly id: number; readonly ok: false; readonly error: WireError }
  | { readonly t: 'batch'; readonly batch: EventBatch }
  | { readonly t: 'ready' }
  | { readonly t: 'fatal'; readonly error: WireError };

export const DEFAULT_CALL_TIMEOUT_MS = 60_000;

/** Errors a worker may surface to the user as-is; anything else is INTERNAL with a generic text. */
export function toWireError(err: unknown): WireError {
  if (err instanceof BridgeError) return { code: err.code, message: err.message };
  const code = (err as { code?: unknown } | null)?.code;
  const message = (err as { message?: unknown } | null)?.message;
  // Typed errors from other modules (AccountLockedError) carry a contract code of their own.
  if (ErrorCodeSchema.safeParse(code).success && typeof message === 'string') {
    return { code: code as ErrorCode, message: message.slice(0, 2000) };
  }
  return { code: 'INTERNAL', message: 'internal error in the account worker' };
}

export function fromWireError(error: WireError): BridgeError {
  const parsed = ErrorCodeSchema.safeParse(error.code);
  return new BridgeError(parsed.success ? parsed.data : 'INTERNAL', String(error.message).slice(0, 2000));
}

/** Narrows what arrived on the channel; anything malformed is ignored by the callers. */
export function isChildMessage(value: unknown): value is ChildMessage {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { t?: unknown }).t;
  return t === 'return' || t === 'batch' || t === 'ready' || t === 'fatal';
}

export function isParentMessage(value: unknown): value is ParentMessage {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { t?: unknown }).t;
  return t === 'call' || t === 'key';
}

type Pending = {
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: Error) => void;
  readonly timer: NodeJS.Timeout;
};

/**
 * Parent side of the RPC: numbered calls, answers matched by id, a timeout per call.
 *
 * Usage: `const rpc = new RpcClient(msg => child.send(msg))`; feed every `{t:'return'}` to
 * `rpc.settle(msg)`; on child exit call `rpc.failAll(err)` so no caller waits forever.
 */
export class RpcClient {
  readonly #send: (message: ParentMessage) => void;
  readonly #timeoutMs: number;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(send: (message: ParentMessage) => void, timeoutMs: number = DEFAULT_CALL_TIMEOUT_MS) {
    this.#send = send;
    this.#timeoutMs = timeoutMs;
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  call<K extends WorkerMethod>(method: K, ...args: MethodArgs<K>): Promise<MethodResult<K>> {
    const id = this.#nextId++;
    return new Promise<MethodResult<K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new BridgeError('INTERNAL', `the account worker did not answer ${method} in time`));
      }, this.#timeoutMs);
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      try {
        this.#send({ t: 'call', id, method, args });
      } catch (err) {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  settle(message: Extract<ChildMessage, { t: 'return' }>): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return; // timed out earlier; the late answer has nobody to go to
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(fromWireError(message.error));
  }

  failAll(err: Error): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(err);
    }
    this.#pending.clear();
  }
}
