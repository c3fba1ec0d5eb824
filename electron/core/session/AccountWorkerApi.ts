import type { Account, AccountId, EventBatch } from '../../../shared/src/index.js';
import type { AccountPort } from '../app/SessionPort.js';

/**
 * One linked account's worker: exactly one Baileys socket, its store and its command lanes.
 * It runs in its own child process (see ARCHITECTURE.md); the session manager in main talks to it
 * through `WorkerProcess`, which exposes this same API over IPC.
 *
 * Every method that changes state persists first and returns; outcomes arrive as event batches.
 */
export type AccountWorkerApi = AccountPort & {
  /** Opens the store (taking the account lock) and connects; resolves once the socket is started. */
  readonly start: () => Promise<void>;
  /** Drains the lanes, closes the socket and the store. */
  readonly stop: () => Promise<void>;
  /** The account as the UI shows it (connection state, sync status, names). */
  readonly summary: () => Promise<Account>;
  /** Rows changed after `afterSeq`, as event batches, for a window catching up. */
  readonly catchUp: (afterSeq: number, limit: number) => Promise<{ batches: EventBatch[]; isComplete: boolean }>;
  /** Deletes the archive (used by accounts.remove with deleteArchive). The worker must be stopped. */
  readonly destroyArchive?: () => Promise<void>;
};

/** Options a worker is started with; all paths and switches are decided by the entry point. */
export type AccountWorkerOptions = {
  readonly accountId: AccountId;
  readonly label: string;
  /** The account's own directory: store, lock, media cache. */
  readonly accountDir: string;
};

/** Every batch a worker emits is already committed to its store. */
export type BatchSink = (batch: EventBatch) => void;

/**
 * Socket settings only the demo/test worker entry passes (simulator URL, loopback CDN routing).
 * The production entry passes none; it is a separate bundle (see scripts/build.mjs).
 */
export type SocketOverrides = {
  readonly waWebSocketUrl?: string;
  /** undici dispatcher for fetch (history, app-state blobs, downloads). */
  readonly fetchDispatcher?: unknown;
  /** https.Agent for uploads (Baileys' upload path uses https.request, not fetch). */
  readonly uploadAgent?: unknown;
  readonly defaultQueryTimeoutMs?: number;
  /** Lifetime of each QR code (Baileys' `qrTimeout`); tests shorten it. */
  readonly qrTimeoutMs?: number;
  /** Keep-alive interval; tests shorten it to provoke a lost link (408) quickly. */
  readonly keepAliveIntervalMs?: number;
};
