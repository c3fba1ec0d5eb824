/**
 * Named points in the persistence pipeline where the crash-soak test kills the worker process.
 * Production never installs a handler, so `crashPoint()` is a no-op there; only the test worker
 * entry calls `installCrashHandler`.
 */
export type CrashPointName =
  | 'after-decrypt' // message decrypted, nothing persisted yet
  | 'before-receipt' // persisted, receipt not yet sent
  | 'after-receipt' // receipt sent (Baileys emitted messages.upsert)
  | 'in-store-transaction' // inside the SQLite transaction, before commit
  | 'mid-history-chunk' // history chunk journaled, partly processed
  | 'before-send' // outgoing message persisted, not yet handed to the socket
  | 'after-send'; // handed to the socket, outbox not yet marked done

type CrashHandler = (name: CrashPointName) => void;

let handler: CrashHandler | null = null;

export function installCrashHandler(next: CrashHandler): void {
  handler = next;
}

export function crashPoint(name: CrashPointName): void {
  handler?.(name);
}
