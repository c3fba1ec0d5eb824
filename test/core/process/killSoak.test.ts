import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, BridgeEvent, ChatId, CommandId, Message } from '../../../shared/src/index.js';
import { accountDirOf } from '../../../electron/core/session/process/accountRegistry.js';
import { SessionManager } from '../../../electron/core/session/SessionManager.js';
import { AccountStore, FileKeyProvider } from '../../../electron/core/store/index.js';
import type { Contact } from '../../sim/contact.js';
import { historyMessage } from '../../sim/history/index.js';
import { Simulator } from '../../sim/simulator.js';
import { quietLibsignal } from '../../sim/testing/quietLibsignal.js';
import { killsLogged } from './crashPlan.js';
import { here, recordingHub, silentLog, tempProfile, waitFor } from './processFixtures.js';

/*
 * Crash soak: the simulator sends live messages and history to one account while the demo worker
 * SIGKILLs itself at random instrumented points (WA_INBOX_CRASH_PLAN); the session manager
 * restarts it each time. At the end the store must hold every message the server saw
 * acknowledged exactly once, and every accepted outgoing message must have been decrypted by its
 * contact exactly once. KILL_TEST_KILLS sets how many kills (CI: 50).
 */

const KILLS = Number(process.env.KILL_TEST_KILLS ?? 12);
const TRAFFIC_BUDGET_MS = Number(process.env.KILL_TEST_BUDGET_MS ?? 130_000);
const SETTLE_MS = 40_000;
const SEED = Number(process.env.KILL_TEST_SEED ?? 20_261_124);
const root = join(here, '..', '..', '..');
// Inside the repo so the bundle's external packages resolve from node_modules.
const bundleDir = join(root, 'dist', 'test', `kill-soak-${process.pid}`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Outgoing = { commandId: CommandId; contact: Contact; text: string; waId: string | null };

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

describe('crash soak: SIGKILL the account worker at instrumented points', () => {
  it(
    `loses and duplicates nothing acknowledged across ${KILLS} kills`,
    async () => {
      const sim = await Simulator.start({ media: true });
      const profile = tempProfile();
      const killLog = join(profile.dir, 'kills.log');
      const hub = recordingHub();
      let manager: SessionManager | null = null;
      try {
        const contacts = ['Ana', 'Bob', 'Carol'].map((pushName) => sim.addContact({ pushName }));
        manager = await SessionManager.open({
          profileDir: profile.dir,
          hub: hub.hub,
          log: silentLog,
          worker: {
            script: join(bundleDir, 'demoWorkerMain.js'),
            env: {
              WA_INBOX_SIM_WS_URL: sim.wsUrl,
              WA_INBOX_SIM_ROOT: Buffer.from(sim.trustRoot).toString('base64'),
              WA_INBOX_SIM_CDN_PORT: String(sim.media!.cdn.port),
              WA_INBOX_CRASH_PLAN: JSON.stringify({ seed: SEED, probability: 0.06, logFile: killLog, maxKills: KILLS }),
            },
          },
          restart: { baseDelayMs: 50, maxDelayMs: 400, stableAfterMs: 2_000 },
          startTimeoutMs: 30_000,
          callTimeoutMs: 20_000,
          waitReadyMs: 30_000,
        });
        const accountId = await manager.addAccount('Soak');
        await pair(sim, hub.batches, accountId);

        const incoming: string[] = [];
        const history: string[] = [];
        const historyNotifications: string[] = [];
        const outgoing: Outgoing[] = [];
        const started = Date.now();
        let tick = 0;
        while (killsLogged(killLog).length < KILLS && Date.now() - started < TRAFFIC_BUDGET_MS) {
          tick += 1;
          const contact = contacts[tick % contacts.length]!;
          incoming.push(await contact.sendText(`live ${tick}`));
          if (tick % 4 === 0) outgoing.push(sendOutgoing(manager, accountId, contact, tick));
          if (tick % 40 === 0) {
            const prefix = `H${tick}x`;
            const messages = Array.from({ length: 5 }, (_, i) =>
              historyMessage({ remoteJid: contact.pnJid, id: `${prefix}${i}`, fromMe: i % 2 === 1, timestamp: 1_760_000_000 + tick * 10 + i, text: `old ${tick} ${i}` }),
            );
            historyNotifications.push(
              await sim.sendHistoryInline({ syncType: 'RECENT', chunkOrder: tick, progress: 50, conversations: [{ id: contact.pnJid, messages }] }),
            );
            history.push(...messages.map((_, i) => `${prefix}${i}`));
          }
          await sleep(40);
        }
        const kills = killsLogged(killLog);
        const trafficMs = Date.now() - started;

        // Settle: no more kills (maxKills reached); everything must drain.
        const ours = new Set([...incoming, ...historyNotifications]);
        await waitFor(
          () => sim.mailbox.pending().every((node) => !ours.has(node.attrs.id ?? '')) && outgoing.every((o) => o.waId !== null),
          SETTLE_MS,
          'the server mailbox to drain and every outgoing command to be accepted',
        );
        await waitFor(
          () => outgoing.every((o) => o.contact.received.some((r) => r.id === o.waId)),
          SETTLE_MS,
          'every outgoing message to reach its contact',
        );
        await sleep(1_000); // a duplicate send would arrive now
        await manager.close();
        manager = null;

        const stored = await readStoredMessages(profile.dir, accountId);
        const count = (waId: string): number => stored.get(waId) ?? 0;
        const acknowledged = [...incoming, ...history];
        const missing = acknowledged.filter((id) => count(id) === 0);
        const duplicated = acknowledged.filter((id) => count(id) > 1);
        const decryptions = outgoing.map((o) => o.contact.received.filter((r) => r.id === o.waId).length);
        const outgoingNotOnce = decryptions.filter((n) => n !== 1).length;
        const outgoingNotStoredOnce = outgoing.filter((o) => count(o.waId!) !== 1).length;
        const byPoint = Object.entries(
          kills.reduce<Record<string, number>>((acc, point) => ({ ...acc, [point]: (acc[point] ?? 0) + 1 }), {}),
        );
        console.log(
          [
            `kill soak: ${kills.length} kills in ${(trafficMs / 1000).toFixed(1)} s of traffic (seed ${SEED})`,
            `  where: ${byPoint.map(([point, n]) => `${point}=${n}`).join(', ')}`,
            `  incoming live ${incoming.length}, history ${history.length} (${historyNotifications.length} chunks), outgoing ${outgoing.length}`,
            `  missing ${missing.length}, duplicated ${duplicated.length}, outgoing not decrypted exactly once ${outgoingNotOnce}, outgoing not stored once ${outgoingNotStoredOnce}`,
          ].join('\n'),
        );
        for (const id of [...missing, ...duplicated]) console.log(`  ${id}: ${fateOf(sim, id)}`);
        expect(kills.length).toBeGreaterThanOrEqual(KILLS);
        expect(missing).toEqual([]);
        expect(duplicated).toEqual([]);
        expect(outgoingNotOnce).toBe(0);
        expect(outgoingNotStoredOnce).toBe(0);
      } finally {
        await manager?.close();
        await sim.stop();
        profile.remove();
      }
    },
    Number(process.env.KILL_TEST_TIMEOUT_MS ?? 240_000),
  );
});

/** Adds the account's first QR to the simulated phone and waits for the connection to open. */
async function pair(sim: Simulator, batches: readonly { events: BridgeEvent[] }[], accountId: AccountId): Promise<void> {
  const states = (): BridgeEvent[] =>
    batches.flatMap((b) => b.events).filter((e) => e.type === 'connection.changed' && e.accountId === accountId);
  const qr = await waitFor(() => states().find((e) => e.type === 'connection.changed' && e.state.kind === 'qr'), 30_000, 'a QR');
  if (qr.type !== 'connection.changed' || qr.state.kind !== 'qr') throw new Error('unreachable');
  await sim.phone.scanQR(qr.state.qr);
  await waitFor(() => states().some((e) => e.type === 'connection.changed' && e.state.kind === 'open'), 30_000, 'open');
}

/**
 * Sends through the manager like the renderer would. A call cut short by a kill is retried with
 * the same command id, which the worker deduplicates, so each command is accepted exactly once.
 */
function sendOutgoing(manager: SessionManager, accountId: AccountId, contact: Contact, tick: number): Outgoing {
  const entry: Outgoing = { commandId: `soak-${tick}` as CommandId, contact, text: `reply ${tick}`, waId: null };
  const input = { accountId, chatId: contact.pnJid as ChatId, text: entry.text, quotedId: null };
  const attempt = async (): Promise<void> => {
    for (;;) {
      try {
        const messageId = await manager.account(accountId).sendText(input, entry.commandId);
        entry.waId = messageId.split('|').at(-1) ?? null;
        return;
      } catch {
        await sleep(100);
      }
    }
  };
  void attempt();
  return entry;
}

/** What the simulator saw happen to one stanza id: deliveries, then the client's answers, in order. */
function fateOf(sim: Simulator, id: string): string {
  const t0 = sim.observed.nodes[0]?.at ?? 0;
  return sim.observed.nodes
    .filter((o) => o.node.attrs.id === id)
    .map((o) => {
      const { offline, type, class: cls, error } = o.node.attrs;
      const what =
        o.dir === 'out'
          ? `sent${offline ? '(offline)' : ''}`
          : `${o.node.tag}:${[cls, type, error && `error=${error}`].filter(Boolean).join('/')}`;
      return `${what}@conn${o.connId}+${o.at - t0}ms`;
    })
    .join(' → ');
}

/** Every stored message, counted by WhatsApp id (the last segment of our message id). */
async function readStoredMessages(profileDir: string, accountId: AccountId): Promise<Map<string, number>> {
  const store = await AccountStore.open(accountDirOf(profileDir, accountId), { keyProvider: new FileKeyProvider(profileDir) });
  try {
    const counts = new Map<string, number>();
    const all: Message[] = store.listChats(10_000).flatMap((chat) => store.pageMessages(chat.id, null, 100_000).messages);
    for (const message of all) {
      const waId = message.id.split('|').at(-1) ?? message.id;
      counts.set(waId, (counts.get(waId) ?? 0) + 1);
    }
    return counts;
  } finally {
    store.close();
  }
}
