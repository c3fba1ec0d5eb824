import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, BridgeEvent, ChatId, CommandId, Message } from '../../../shared/src/index.js';
import { demoSimSpawner } from '../../../electron/core/main/demoSimSpawner.js';
import { SessionManager } from '../../../electron/core/session/SessionManager.js';
import type { ReceivedMessage } from '../../sim/peer.js';
import { Simulator } from '../../sim/simulator.js';
import { quietLibsignal } from '../../sim/testing/quietLibsignal.js';
import { EventHub } from '../../../electron/core/bridge/EventHub.js';
import { here, silentLog, tempProfile, waitFor } from './processFixtures.js';

/*
 * Two linked accounts at once, each in its own real worker process (the demo worker entry, bundled)
 * and each on its own simulator, i.e. its own phone. One worker is SIGKILLed; the other must keep
 * receiving and sending while it is down, and the killed one must come back logged in, no QR.
 */

const root = join(here, '..', '..', '..');
const bundleDir = join(root, 'dist', 'test', `two-accounts-${process.pid}`);
// Long enough that the healthy account's round trip happens inside the outage even on a busy machine.
const RESTART_DELAY_MS = 5_000;

beforeAll(async () => {
  quietLibsignal();
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { demoWorkerMain: 'test/core/process/demoWorkerMain.ts' },
    outdir: bundleDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
}, 60_000);

afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

describe('two accounts in two real worker processes', () => {
  it('one is SIGKILLed; the other keeps receiving and sending; the killed one logs back in without a QR', async () => {
    const work = await Simulator.start({ account: { pn: '15550100001', pushName: 'Work phone' } });
    const home = await Simulator.start({ account: { pn: '15550200002', pushName: 'Home phone' } });
    const profile = tempProfile();
    // Every event with the time it reached the hub's subscriber, so "after the kill" is checkable.
    const hub = new EventHub();
    const stamped: Stamped[] = [];
    hub.subscribe((batches) => {
      const at = Date.now();
      for (const batch of batches) for (const event of batch.events) stamped.push({ event, at });
    });
    const events: Events = () => stamped;
    let manager: SessionManager | null = null;
    try {
      const targetOf = (sim: Simulator) => ({
        WA_INBOX_SIM_WS_URL: sim.wsUrl,
        WA_INBOX_SIM_ROOT: Buffer.from(sim.trustRoot).toString('base64'),
      });
      manager = await SessionManager.open({
        profileDir: profile.dir,
        hub,
        log: silentLog,
        worker: {
          script: join(bundleDir, 'demoWorkerMain.js'),
          // The Nth added account's worker gets the Nth simulator, as `npm run demo` does.
          spawner: demoSimSpawner(profile.dir, [targetOf(work), targetOf(home)]),
        },
        restart: { baseDelayMs: RESTART_DELAY_MS, maxDelayMs: RESTART_DELAY_MS, stableAfterMs: 60_000 },
        startTimeoutMs: 30_000,
        callTimeoutMs: 20_000,
        waitReadyMs: 30_000,
      });
      const workId = await manager.addAccount('Work');
      await pair(work, events, workId);
      const homeId = await manager.addAccount('Home');
      await pair(home, events, homeId);
      // Each account is linked to its own phone (the summaries follow the workers' state).
      const phones = (): Array<string | null> => manager?.listAccounts().map((a) => a.phoneNumber) ?? [];
      await waitFor(() => phones().every((pn) => pn !== null), 10_000, 'both summaries');
      expect(phones()).toEqual([work.account.pn, home.account.pn]);

      const ana = work.addContact({ pushName: 'Ana' });
      const bob = home.addContact({ pushName: 'Bob' });
      const beforeKill = await ana.sendText('work, before the kill');
      await waitForStored(events, workId, beforeKill);

      const workPid = manager.workerPid(workId);
      const homePid = manager.workerPid(homeId);
      expect(workPid).toBeDefined();
      expect(workPid).not.toBe(homePid);
      const homeConnections = home.stats.connections;
      const workConnections = work.stats.connections;
      const killedAt = Date.now();
      process.kill(workPid!, 'SIGKILL');
      await waitFor(
        () => connectionAfter(events, workId, killedAt, 'closed'),
        10_000,
        'the manager to report the killed worker',
      );
      // Queued by the work phone's server while nobody is connected for that account.
      const duringOutage = await ana.sendText('work, while its worker is down');

      // The home account, served by its own process, neither notices nor waits.
      const incoming = await bob.sendText('home, during the outage');
      await waitForStored(events, homeId, incoming);
      const text = 'home reply during the outage';
      const sent = await manager
        .account(homeId)
        .sendText({ accountId: homeId, chatId: bob.pnJid as ChatId, text, quotedId: null }, 'two-acc-1' as CommandId);
      const decrypted = await bob.waitForMessage((m) => textOf(m) === text, 15_000);
      const decryptedAt = Date.now();
      expect(decrypted.id).toBe(sent.split('|').at(-1));
      expect(manager.workerPid(homeId)).toBe(homePid);

      // The killed account comes back on its own, with its saved creds, and gets what it missed.
      const reopened = await waitFor(
        () => connectionAfter(events, workId, killedAt, 'open'),
        RESTART_DELAY_MS + 30_000,
        'the work account to reopen',
      );
      expect(reopened.at).toBeGreaterThan(decryptedAt);
      expect(connectionAfter(events, workId, killedAt, 'qr')).toBeUndefined();
      expect(manager.workerPid(workId)).not.toBe(workPid);
      await waitForStored(events, workId, duringOutage);
      // The work phone saw a re-login; the home socket was never dropped at all.
      expect(work.stats.connections).toBeGreaterThan(workConnections);
      expect(home.stats.connections).toBe(homeConnections);
    } finally {
      await manager?.close();
      await work.stop();
      await home.stop();
      profile.remove();
    }
  }, 120_000);
});

type Stamped = Readonly<{ event: BridgeEvent; at: number }>;
type Events = () => readonly Stamped[];

/** Scans the first QR the account shows with its own phone and waits for it to open. */
async function pair(sim: Simulator, events: Events, accountId: AccountId): Promise<void> {
  const qr = await waitFor(
    () =>
      events().find(
        ({ event: e }) => e.type === 'connection.changed' && e.accountId === accountId && e.state.kind === 'qr',
      )?.event,
    30_000,
    'a QR',
  );
  if (qr.type !== 'connection.changed' || qr.state.kind !== 'qr') throw new Error('unreachable');
  await sim.phone.scanQR(qr.state.qr);
  await waitFor(() => connectionAfter(events, accountId, 0, 'open'), 30_000, 'open');
}

/** The first connection state of that kind the account reported at or after `since`. */
function connectionAfter(
  events: Events,
  accountId: AccountId,
  since: number,
  kind: 'open' | 'closed' | 'qr',
): Stamped | undefined {
  return events().find(
    ({ event: e, at }) =>
      e.type === 'connection.changed' && e.accountId === accountId && e.state.kind === kind && at >= since,
  );
}

async function waitForStored(events: Events, accountId: AccountId, waId: string): Promise<Message> {
  return waitFor(
    () =>
      events()
        .flatMap(({ event: e }) => (e.type === 'messages.upserted' ? e.messages : []))
        .find((m) => m.accountId === accountId && m.id.split('|').at(-1) === waId),
    20_000,
    `message ${waId} stored for ${accountId}`,
  );
}

function textOf(m: ReceivedMessage): string | null | undefined {
  return m.message.extendedTextMessage?.text ?? m.message.conversation;
}
