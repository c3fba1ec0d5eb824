import Database from 'better-sqlite3';
import path from 'node:path';

export const ACCOUNT_LOCK_FILE = 'account.lock';

/** The account directory is held by another process (another window, or browser mode). */
export class AccountLockedError extends Error {
  /** A contract error code, so the RPC layer forwards it as-is (see `toWireError`). */
  readonly code = 'ACCOUNT_LOCKED' as const;

  constructor(message = 'This account is open in another window') {
    super(message);
    this.name = 'AccountLockedError';
  }
}

export type AccountLock = {
  /** Releases this hold; the kernel releases the lock anyway when the process dies. */
  readonly release: () => void;
};

type Held = { readonly db: Database.Database; holds: number };

// Holds taken by this process, per directory. The lock guards against *other processes*; inside
// one worker the child runtime and the worker's own start() may both take it, and the second
// taker must share the hold rather than be refused by its own process.
const heldByThisProcess = new Map<string, Held>();

/**
 * Takes the exclusive lock on an account directory for as long as this process lives.
 *
 * Why SQLite: its file locks (fcntl on POSIX, LockFileEx on Windows) are held by the process and
 * dropped by the kernel when it exits, crashes or is SIGKILLed, so there is never a stale lock
 * to clean up, unlike a pid file. `locking_mode=EXCLUSIVE` plus `BEGIN EXCLUSIVE` keeps the lock
 * after the transaction starts; `timeout: 0` makes a second taker fail at once with SQLITE_BUSY
 * instead of waiting.
 */
export function acquireAccountLock(accountDir: string, options: { nativeBinding?: string } = {}): AccountLock {
  const key = path.resolve(accountDir);
  let held = heldByThisProcess.get(key);
  if (!held) {
    held = { db: openLocked(path.join(key, ACCOUNT_LOCK_FILE), options.nativeBinding), holds: 0 };
    heldByThisProcess.set(key, held);
  }
  held.holds += 1;
  const hold = held;
  let isReleased = false;
  return {
    release: () => {
      if (isReleased) return;
      isReleased = true;
      hold.holds -= 1;
      if (hold.holds > 0) return;
      heldByThisProcess.delete(key);
      if (hold.db.open) hold.db.close();
    },
  };
}

function openLocked(file: string, nativeBinding: string | undefined): Database.Database {
  const db = new Database(file, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if (isBusy(err)) throw new AccountLockedError();
    throw err;
  }
  return db;
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
