import type { Logger } from 'pino';
import type { CloseReason, ConnectionState } from '../../../../shared/src/index.js';
import type { WaConnectionUpdate } from '../../whatsapp/WaConnection.js';
import type { ReconnectConfig } from '../reconnectPolicy.js';
import { decideReconnect } from '../reconnectPolicy.js';

export type ConnectionSupervisorDeps = Readonly<{
  /** Starts a socket unless one exists (the single-socket guard lives in WaConnection). */
  connect: () => boolean;
  onState: (state: ConnectionState) => void;
  /** Called when the socket opened (lanes resume) or closed for good. */
  onOpen: () => void;
  reconnect: ReconnectConfig;
  rand: () => number;
  now: () => number;
  log: Logger;
}>;

/**
 * Turns socket lifecycle updates into the account's ConnectionState and applies the reconnect
 * policy: 515 → reconnect at once; transient/500 → backoff; 440/401/403/411, an untrusted server,
 * a forged pairing and QR codes that ran out (408 before pairing) → stop and wait for the user
 * (take over / re-pair). Never loops on those: only `takeOver()` or a relink reconnects after them.
 */
export class ConnectionSupervisor {
  readonly #deps: ConnectionSupervisorDeps;
  #state: ConnectionState = { kind: 'idle' };
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #isStopped = true;
  /** Why the next intentional close happens (logout → loggedOut); default 'stopped'. */
  #intentReason: CloseReason = 'stopped';

  constructor(deps: ConnectionSupervisorDeps) {
    this.#deps = deps;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  start(): void {
    this.#isStopped = false;
    this.#connectNow();
  }

  /** The user asked to take the session back (after 440) or to retry now. */
  takeOver(): void {
    this.#isStopped = false;
    clearTimeout(this.#timer);
    this.#connectNow();
  }

  /** Marks the coming intentional close, so the state says why. */
  expectClose(reason: CloseReason): void {
    this.#isStopped = true;
    this.#intentReason = reason;
    clearTimeout(this.#timer);
  }

  handle(update: WaConnectionUpdate): void {
    switch (update.kind) {
      case 'connecting':
        this.#set({ kind: 'connecting', attempt: this.#attempt });
        return;
      case 'qr':
        this.#set({ kind: 'qr', qr: update.qr, expiresAt: update.expiresAt });
        return;
      case 'open':
        this.#attempt = 0;
        this.#set({ kind: 'open' });
        this.#deps.onOpen();
        return;
      case 'closed':
        this.#onClosed(update);
        return;
      default: {
        const never: never = update;
        throw new Error(`unknown connection update ${String(never)}`);
      }
    }
  }

  #onClosed(update: Extract<WaConnectionUpdate, { kind: 'closed' }>): void {
    const { info } = update;
    const statusCode = info.statusCode;
    const base = {
      kind: 'closed' as const,
      ...(statusCode === undefined ? {} : { statusCode }),
      ...(info.message === undefined ? {} : { message: info.message }),
    };
    if (update.isIntentional || this.#isStopped) {
      this.#set({ ...base, reason: this.#intentReason });
      this.#intentReason = 'stopped';
      return;
    }
    const decision = decideReconnect(info, this.#attempt, this.#deps.rand, this.#deps.reconnect);
    this.#deps.log.info({ statusCode, action: decision.action, reason: decision.closeReason }, 'connection closed');
    switch (decision.action) {
      case 'reconnectNow':
        this.#set({ ...base, reason: decision.closeReason });
        this.#connectNow();
        return;
      case 'backoff': {
        this.#attempt += 1;
        const retryAt = this.#deps.now() + decision.delayMs;
        this.#set({ ...base, reason: decision.closeReason, retryAt });
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => this.#connectNow(), decision.delayMs);
        return;
      }
      case 'stop':
        this.#isStopped = true;
        this.#set({ ...base, reason: decision.closeReason });
        return;
      default: {
        const never: never = decision;
        throw new Error(`unknown decision ${String(never)}`);
      }
    }
  }

  #connectNow(): void {
    if (this.#isStopped) return;
    if (!this.#deps.connect()) this.#deps.log.debug({}, 'connect skipped: a socket already exists');
  }

  #set(state: ConnectionState): void {
    this.#state = state;
    this.#deps.onState(state);
  }
}
