import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireAccountLock, AccountLockedError } from '../../../electron/core/session/accountLock.js';
import { accountDirOf, writeRegistry } from '../../../electron/core/session/process/accountRegistry.js';
import { SessionManager } from '../../../electron/core/session/SessionManager.js';
import type { AccountId } from '../../../shared/src/index.js';
import { fakeManagerOptions, here, recordingHub, tempProfile, waitFor } from './processFixtures.js';

const HOLDER = join(here, 'holdLock.ts');

/** Starts another process that takes the lock; resolves with its first line (`locked`/`refused`). */
function holder(dir: string): { child: ChildProcess; said: Promise<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const said = new Promise<string>((resolve) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, said, exited };
}

describe('account lock across real processes', () => {
  let profile: ReturnType<typeof tempProfile>;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    profile = tempProfile();
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    profile.remove();
  });

  it('refuses a second process while the first holds it, and frees it when the holder is SIGKILLed', async () => {
    const other = holder(profile.dir);
    children.push(other.child);
    expect(await other.said).toBe('locked');
    expect(() => acquireAccountLock(profile.dir)).toThrow(AccountLockedError);

    other.child.kill('SIGKILL');
    await other.exited;
    // No stale lock: the kernel dropped it with the process.
    const lock = acquireAccountLock(profile.dir);
    const third = holder(profile.dir);
    children.push(third.child);
    expect(await third.said).toBe('refused');
    expect(await third.exited).toBe(3);
    lock.release();
  });

  it('shows a locked account as lockedByOtherInstance, refuses its commands, and takes it over once free', async () => {
    const id = 'acct-locked' as AccountId;
    const dir = accountDirOf(profile.dir, id);
    mkdirSync(dir, { recursive: true });
    await writeRegistry(profile.dir, [{ id, label: 'Shared', createdAt: 1 }]);
    const other = holder(dir);
    children.push(other.child);
    expect(await other.said).toBe('locked');

    const hub = recordingHub();
    const manager = await SessionManager.open(fakeManagerOptions(profile.dir, hub.hub));
    try {
      await waitFor(() => manager.listAccounts()[0]?.connection.kind === 'closed', 15_000, 'locked state');
      expect(manager.listAccounts()[0]?.connection).toEqual({
        kind: 'closed',
        reason: 'lockedByOtherInstance',
        message: 'This account is open in another window',
      });
      await expect(
        manager.account(id).listChats({ accountId: id, limit: 10, beforeActivity: null }),
      ).rejects.toMatchObject({
        code: 'ACCOUNT_LOCKED',
        message: 'This account is open in another window',
      });

      other.child.kill('SIGKILL');
      await other.exited;
      await manager.account(id).takeOver();
      await waitFor(() => manager.listAccounts()[0]?.connection.kind === 'open', 15_000, 'taken over');
      await expect(manager.account(id).listChats({ accountId: id, limit: 10, beforeActivity: null })).resolves.toEqual(
        [],
      );
    } finally {
      await manager.close();
    }
  });
});
