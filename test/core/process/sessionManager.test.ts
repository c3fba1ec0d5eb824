import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId, BridgeEvent } from '../../../shared/src/index.js';
import { accountDirOf } from '../../../electron/core/session/process/accountRegistry.js';
import { SessionManager } from '../../../electron/core/session/SessionManager.js';
import { fakeManagerOptions, recordingHub, tempProfile, waitFor } from './processFixtures.js';

type Profile = ReturnType<typeof tempProfile>;

describe('SessionManager with one fake worker process per account', () => {
  let profile: Profile;
  const managers: SessionManager[] = [];
  beforeEach(() => {
    profile = tempProfile();
  });
  afterEach(async () => {
    await Promise.all(managers.splice(0).map((m) => m.close()));
    profile.remove();
  });

  async function open(hub = recordingHub()): Promise<{ manager: SessionManager; events: () => BridgeEvent[] }> {
    const manager = await SessionManager.open(fakeManagerOptions(profile.dir, hub.hub));
    managers.push(manager);
    return { manager, events: () => hub.batches.flatMap((b) => b.events) };
  }

  const pushNameOf = (manager: SessionManager, id: AccountId): string | null | undefined =>
    manager.listAccounts().find((a) => a.id === id)?.pushName;

  it('restarts a SIGKILLed worker while the other account keeps being served by the same process', async () => {
    const { manager, events } = await open();
    const work = await manager.addAccount('Work');
    const home = await manager.addAccount('Home');
    await waitFor(() => pushNameOf(manager, work)?.startsWith('pid:') && pushNameOf(manager, home)?.startsWith('pid:'));
    const homePid = manager.workerPid(home);
    const workPid = manager.workerPid(work);
    expect(homePid).not.toBe(workPid);

    process.kill(workPid!, 'SIGKILL');
    // The home account answers while work is down.
    await expect(manager.account(home).startChat('15550003000')).resolves.toBe('15550003000@s.whatsapp.net');
    const down = await waitFor(() =>
      events().find((e) => e.type === 'connection.changed' && e.accountId === work && e.state.kind === 'closed'),
    );
    expect(down).toMatchObject({ state: { kind: 'closed', reason: 'transient' } });

    // A call made during the restart waits for the new incarnation instead of failing.
    await expect(manager.account(work).startChat('15550004000')).resolves.toBe('15550004000@s.whatsapp.net');
    const newWorkPid = manager.workerPid(work);
    expect(newWorkPid).toBeDefined();
    expect(newWorkPid).not.toBe(workPid);
    await waitFor(() => pushNameOf(manager, work) === `pid:${newWorkPid}`, 10_000, 'summary of the new worker');
    expect(manager.workerPid(home)).toBe(homePid);
    expect(pushNameOf(manager, home)).toBe(`pid:${homePid}`);
  });

  it('forwards worker batches to the hub and publishes accounts.changed on the app stream', async () => {
    const hub = recordingHub();
    const { manager } = await open(hub);
    const id = await manager.addAccount('Work');
    await waitFor(() => hub.batches.some((b) => b.accountId === id && b.seq === 1), 10_000, 'worker batch');
    const appSeqs = hub.batches.filter((b) => b.accountId === null).map((b) => b.seq);
    expect(appSeqs).toEqual([...appSeqs].sort((a, b) => a - b));
    expect(new Set(appSeqs).size).toBe(appSeqs.length);
    const caughtUp = await manager.catchUp(null, 0, 100);
    expect(caughtUp.batches).toHaveLength(1);
    expect(caughtUp.batches[0]?.events[0]).toMatchObject({ type: 'accounts.changed' });
    expect(await manager.catchUp(null, caughtUp.batches[0]!.seq, 100)).toEqual({ batches: [], isComplete: true });
    const accountStream = await manager.catchUp(id, 0, 100);
    expect(accountStream.batches.map((b) => b.seq)).toEqual([1]);
  });

  it('keeps the registry across a restart of the manager and starts every account at boot', async () => {
    const first = await open();
    const work = await first.manager.addAccount('Work');
    const home = await first.manager.addAccount('Home');
    await first.manager.close();
    const registry = JSON.parse(readFileSync(join(profile.dir, 'accounts.json'), 'utf8')) as unknown;
    expect(registry).toMatchObject({
      version: 1,
      accounts: [
        { id: work, label: 'Work' },
        { id: home, label: 'Home' },
      ],
    });

    const second = await open();
    expect(second.manager.listAccounts().map((a) => [a.id, a.label])).toEqual([
      [work, 'Work'],
      [home, 'Home'],
    ]);
    await waitFor(() => second.manager.listAccounts().every((a) => a.connection.kind === 'open'), 15_000, 'both open');
  });

  it('removes an account, deleting its archive only when asked', async () => {
    const { manager } = await open();
    const keep = await manager.addAccount('Keep archive');
    const drop = await manager.addAccount('Drop archive');
    await waitFor(() => manager.listAccounts().every((a) => a.connection.kind === 'open'));
    await manager.removeAccount(keep, false);
    await manager.removeAccount(drop, true);
    expect(manager.listAccounts()).toEqual([]);
    expect(existsSync(accountDirOf(profile.dir, keep))).toBe(true);
    expect(existsSync(accountDirOf(profile.dir, drop))).toBe(false);
    expect(() => manager.account(keep)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as Error);
    await expect(manager.removeAccount(keep, false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(manager.catchUp(drop, 0, 10)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
