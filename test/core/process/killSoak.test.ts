import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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

const KILLS = Number(process.env.KILL_TEST_KILLS ?? 50);
// A kill costs ~1.5–4 s on 2 busy cores (restart, login, replay); the budget grows with the kills.
const TRAFFIC_BUDGET_MS = Number(process.env.KILL_TEST_BUDGET_MS ?? Math.max(120_000, KILLS * 5_000));
/** Traffic runs at least this long even after the kills are done (KILL_TEST_KILLS=0: a no-kill baseline). */
const MIN_TRAFFIC_MS = Number(process.env.KILL_TEST_MIN_TRAFFIC_MS ?? 0);
// Generous: CI runs this beside other suites on 2 cores, and the worker must replay its whole mailbox.
const SETTLE_MS = Number(process.env.KILL_TEST_SETTLE_MS ?? 90_000);
const SEED = Number(process.env.KILL_TEST_SEED ?? 20_261_124);
/** Stanzas the server may hold for the worker before new traffic pauses (backpressure). */
const BACKLOG_MAX = Number(process.env.KILL_TEST_BACKLOG_MAX ?? 120);
const SENDS_OUTSTANDING_MAX = 24;
/** KILL_TEST_OUTGOING=0 leaves out the app's own sends (incoming traffic and history only). */
const WITH_OUTGOING = process.env.KILL_TEST_OUTGOING !== '0';
/** Comma-separated crash points to aim at (default: all), to bisect a failure. */
const POINTS = process.env.KILL_TEST_POINTS?.split(',').filter(Boolean);
const root = join(here, '..', '..', '..');
// Inside the repo so the bundle's external packages resolve from node_modules.
const bundleDir = join(root, 'dist', 'test', `kill-soak-${process.pid}`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// libsignal reports a contact's failed decryption ("Session error: Bad MAC") on console.error; in
// this test that is a symptom worth a number, not a screenful.
let contactDecryptErrors = 0;

type Outgoing = { commandId: CommandId; contact: Contact; text: string; waId: string | null };

beforeAll(async () => {
  quietLibsignal();
  const error = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Session error')) contactDecryptErrors += 1;
    else error(...args);
  };
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
      const disarmFile = join(profile.dir, 'kills.off');
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
              WA_INBOX_CRASH_PLAN: JSON.stringify({
                seed: SEED,
                probability: 0.5,
                backgroundProbability: 0.03,
                disarmFile,
                logFile: killLog,
                maxKills: KILLS,
                ...(POINTS ? { points: POINTS } : {}),
              }),
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
        const notificationOf = new Map<string, string>(); // history message id → its chunk's stanza id
        const outgoing: Outgoing[] = [];
        const started = Date.now();
        let tick = 0;
        let lastProgressAt = started;
        while (
          (killsLogged(killLog).length < KILLS || Date.now() - started < MIN_TRAFFIC_MS) &&
          Date.now() - started < TRAFFIC_BUDGET_MS
        ) {
          // Backpressure: a worker killed every couple of seconds replays its whole backlog on each
          // login; past a bound the backlog only grows and each incarnation spends its life on replay.
          // While the server holds that much for it, only wait; likewise no new send while many are
          // still on their way (each needs the worker open long enough to reach the socket).
          const sendsOutstanding = outgoing.filter((o) => !o.contact.received.some((r) => r.id === o.waId)).length;
          if (Date.now() - lastProgressAt > 20_000) {
            lastProgressAt = Date.now();
            const state = JSON.stringify(manager.listAccounts()[0]?.connection).slice(0, 300);
            console.log(
              `kill soak: t+${((Date.now() - started) / 1000).toFixed(0)} s, ${killsLogged(killLog).length} kills, ${tick} ticks, ` +
                `${sim.mailbox.size} stanzas held for the worker, ${sendsOutstanding} sends outstanding, ${sim.stats.connections} connections, ${state}`,
            );
          }
          if (sim.mailbox.size > BACKLOG_MAX) {
            await sleep(70);
            continue;
          }
          tick += 1;
          const contact = contacts[tick % contacts.length]!;
          incoming.push(await contact.sendText(`live ${tick}`));
          if (WITH_OUTGOING && tick % 4 === 0 && sendsOutstanding < SENDS_OUTSTANDING_MAX)
            outgoing.push(sendOutgoing(manager, accountId, contact, tick));
          if (tick % 15 === 0) {
            const prefix = `H${tick}x`;
            const messages = Array.from({ length: 5 }, (_, i) =>
              historyMessage({
                remoteJid: contact.pnJid,
                id: `${prefix}${i}`,
                fromMe: i % 2 === 1,
                timestamp: 1_760_000_000 + tick * 10 + i,
                text: `old ${tick} ${i}`,
              }),
            );
            const notification = await sim.sendHistoryInline({
              syncType: 'RECENT',
              chunkOrder: tick,
              progress: 50,
              conversations: [{ id: contact.pnJid, messages }],
            });
            historyNotifications.push(notification);
            for (let i = 0; i < messages.length; i++) {
              history.push(`${prefix}${i}`);
              notificationOf.set(`${prefix}${i}`, notification);
            }
          }
          // ~12 live messages/s: enough to hit every crash point often, little enough that a worker
          // restarting every couple of seconds still catches up with its redelivered backlog.
          await sleep(70);
        }
        writeFileSync(disarmFile, '');
        const kills = killsLogged(killLog);
        const trafficMs = Date.now() - started;

        // Settle: no more kills (maxKills reached); everything must drain.
        const ours = new Set([...incoming, ...historyNotifications]);
        const undelivered = (): string[] =>
          sim.mailbox.pending().flatMap((node) => (ours.has(node.attrs.id ?? '') ? [node.attrs.id ?? ''] : []));
        const unaccepted = (): Outgoing[] => outgoing.filter((o) => o.waId === null);
        const unreceived = (): Outgoing[] => outgoing.filter((o) => !o.contact.received.some((r) => r.id === o.waId));
        // A history chunk is acknowledged once journaled and applied right after; wait for its
        // messages to be emitted, or closing now would leave it for the next start's journal replay.
        const emitted = new EmittedIds(hub.batches);
        const unapplied = (): string[] => {
          const pending = new Set(undelivered());
          emitted.update();
          return history.filter((id) => !pending.has(notificationOf.get(id) ?? '') && !emitted.has(id));
        };
        const isSettled = await waitFor(
          () =>
            undelivered().length === 0 &&
            unaccepted().length === 0 &&
            unreceived().length === 0 &&
            unapplied().length === 0,
          SETTLE_MS,
          'the mailbox to drain, history to be applied and every outgoing message to reach its contact',
        ).catch(() => false);
        const account = manager.listAccounts()[0];
        for (const o of unreceived().slice(0, 3)) console.log(`  outgoing ${o.waId}: ${fateOf(sim, o.waId ?? '')}`);
        if (!isSettled) {
          // Is the worker process itself still answering (process layer), or is its event loop stuck?
          const asked = Date.now();
          const answer = await manager
            .account(accountId)
            .listChats({ accountId, limit: 5, beforeActivity: null })
            .then(
              (chats) => `answered listChats with ${chats.length} chats in ${Date.now() - asked} ms`,
              (err: unknown) => `did not answer listChats: ${String(err)}`,
            );
          console.log(`kill soak stuck: worker pid ${manager.workerPid(accountId)} ${answer}`);
          try {
            const store = await AccountStore.open(accountDirOf(profile.dir, accountId), {
              keyProvider: new FileKeyProvider(profile.dir),
            });
            const rows = store.outbox.list(['queued', 'running', 'failed'], 50);
            console.log(
              `kill soak stuck: outbox ${JSON.stringify(rows.map((r) => [r.name, r.state, r.attempts, r.nextAttemptAt - Date.now(), r.error]))}`,
            );
            store.close();
          } catch (err) {
            console.log(`kill soak stuck: outbox unreadable ${String(err)}`);
          }
          const unanswered = sim.observed.unansweredIqs().slice(-5);
          console.log(`kill soak stuck: unanswered iqs ${JSON.stringify(unanswered).slice(0, 1500)}`);
          const lastIn = sim.observed.nodes.filter((o) => o.dir === 'in').slice(-3);
          console.log(
            `kill soak stuck: last client nodes ${JSON.stringify(lastIn.map((o) => ({ tag: o.node.tag, attrs: o.node.attrs, child: Array.isArray(o.node.content) ? o.node.content.map((c) => c.tag) : typeof o.node.content })))}`,
          );
          const fromClient = sim.observed.nodes.filter((o) => o.dir === 'in');
          const last = fromClient.at(-1);
          const pending = sim.mailbox.pending()[0];
          console.log(
            `kill soak stuck: ${sim.stats.connections} connections, active ${sim.activeConnection !== undefined}, ` +
              `last client node ${last ? `${last.node.tag}/${last.node.attrs.type ?? ''} ${Date.now() - last.at} ms ago on conn${last.connId}` : 'none'}, ` +
              `oldest pending ${pending ? `${pending.tag} ${pending.attrs.id} delivered ${sim.mailbox.deliveries(pending.attrs.id ?? '')}x: ${fateOf(sim, pending.attrs.id ?? '')}` : 'none'}`,
          );
        }
        console.log(
          `kill soak settle: ${isSettled ? 'drained' : 'NOT drained'}; still in the mailbox ${undelivered().length}, ` +
            `commands not accepted ${unaccepted().length}, outgoing not received ${unreceived().length}; ` +
            `connection ${JSON.stringify(account?.connection)}`,
        );
        await sleep(1_000); // a duplicate send would arrive now
        await manager.close();
        manager = null;

        const stored = await readStoredMessages(profile.dir, accountId);
        const count = (waId: string): number => stored.get(waId) ?? 0;
        // Acknowledged = the server no longer holds it for us (receipt or ack). Anything still
        // pending was never acknowledged; it shows up as "not settled" instead.
        const pendingIds = new Set(undelivered());
        const acknowledged = [
          ...incoming.filter((id) => !pendingIds.has(id)),
          ...history.filter((id) => !pendingIds.has(notificationOf.get(id) ?? '')),
        ];
        const missing = acknowledged.filter((id) => count(id) === 0);
        const duplicated = acknowledged.filter((id) => count(id) > 1);
        const decryptions = outgoing.map((o) => o.contact.received.filter((r) => r.id === o.waId).length);
        const outgoingNotOnce = decryptions.filter((n) => n !== 1).length;
        const outgoingNotStoredOnce = outgoing.filter((o) => o.waId === null || count(o.waId) !== 1).length;
        const byPoint = Object.entries(
          kills.reduce<Record<string, number>>((acc, point) => ({ ...acc, [point]: (acc[point] ?? 0) + 1 }), {}),
        );
        const summary = [
          `kill soak: ${kills.length} kills in ${(trafficMs / 1000).toFixed(1)} s of traffic (seed ${SEED})`,
          `  where: ${byPoint.map(([point, n]) => `${point}=${n}`).join(', ')}`,
          `  incoming live ${incoming.length}, history ${history.length} (${historyNotifications.length} chunks), outgoing ${outgoing.length}; acknowledged by the client ${acknowledged.length}, still pending ${pendingIds.size}`,
          `  settled ${isSettled}; missing ${missing.length}, duplicated ${duplicated.length}, outgoing not decrypted exactly once ${outgoingNotOnce}, outgoing not stored once ${outgoingNotStoredOnce}`,
          `  contacts' failed decryptions (libsignal "Session error"): ${contactDecryptErrors}; app messages a contact could not decrypt: ${sim.stats.peerDecryptFailures}`,
          `  the app's answers to stanzas it could not use: ${appAnswers(sim)}`,
          `  second copies the contacts discarded by message id (resent after a kill between send and record): ${outgoing.reduce((n, o) => n + o.contact.duplicateDeliveries.filter((r) => r.id === o.waId).length, 0)}`,
          ...[...missing, ...duplicated].slice(0, 10).map((id) => {
            const stanza = notificationOf.get(id);
            return `  ${id}: ${stanza ? `history chunk ${stanza}: ${fateOf(sim, stanza)}` : fateOf(sim, id)}`;
          }),
        ].join('\n');
        // Also on disk: vitest may drop console output of a long, failing test.
        mkdirSync(join(root, 'test-results'), { recursive: true });
        writeFileSync(join(root, 'test-results', 'kill-soak.txt'), `${summary}\n`);
        console.log(summary);
        expect(kills.length, summary).toBeGreaterThanOrEqual(KILLS);
        expect(missing.length, summary).toBe(0);
        expect(duplicated.length, summary).toBe(0);
        expect(outgoingNotOnce, summary).toBe(0);
        expect(outgoingNotStoredOnce, summary).toBe(0);
        expect(isSettled, summary).toBe(true);
      } finally {
        await manager?.close();
        await sim.stop();
        profile.remove();
      }
    },
    Number(process.env.KILL_TEST_TIMEOUT_MS ?? TRAFFIC_BUDGET_MS + SETTLE_MS + 60_000),
  );
});

/** Adds the account's first QR to the simulated phone and waits for the connection to open. */
async function pair(
  sim: Simulator,
  batches: readonly { events: BridgeEvent[] }[],
  accountId: AccountId,
): Promise<void> {
  const states = (): BridgeEvent[] =>
    batches.flatMap((b) => b.events).filter((e) => e.type === 'connection.changed' && e.accountId === accountId);
  const qr = await waitFor(
    () => states().find((e) => e.type === 'connection.changed' && e.state.kind === 'qr'),
    30_000,
    'a QR',
  );
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

/** WhatsApp ids of every message the worker emitted as persisted (`messages.upserted`), read incrementally. */
class EmittedIds {
  readonly #batches: readonly { events: BridgeEvent[] }[];
  readonly #ids = new Set<string>();
  #read = 0;

  constructor(batches: readonly { events: BridgeEvent[] }[]) {
    this.#batches = batches;
  }

  update(): void {
    for (; this.#read < this.#batches.length; this.#read++) {
      for (const event of this.#batches[this.#read]?.events ?? []) {
        if (event.type !== 'messages.upserted') continue;
        for (const m of event.messages) this.#ids.add(m.id.split('|').at(-1) ?? m.id);
      }
    }
  }

  has(waId: string): boolean {
    return this.#ids.has(waId);
  }
}

/** Retry receipts and nacks the app sent: each is a stanza it could not decrypt or process. */
function appAnswers(sim: Simulator): string {
  const fromApp = sim.observed.nodes.filter((o) => o.dir === 'in');
  const retries = fromApp.filter((o) => o.node.tag === 'receipt' && o.node.attrs.type === 'retry').length;
  const nacks = fromApp.filter((o) => o.node.tag === 'ack' && o.node.attrs.error !== undefined);
  const byCode = nacks.reduce<Record<string, number>>((acc, o) => {
    const code = o.node.attrs.error ?? '';
    return { ...acc, [code]: (acc[code] ?? 0) + 1 };
  }, {});
  return `retry receipts ${retries}, nacks ${JSON.stringify(byCode)}`;
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
  const store = await AccountStore.open(accountDirOf(profileDir, accountId), {
    keyProvider: new FileKeyProvider(profileDir),
  });
  try {
    const counts = new Map<string, number>();
    const all: Message[] = store
      .listChats(10_000)
      .flatMap((chat) => store.pageMessages(chat.id, null, 100_000).messages);
    for (const message of all) {
      const waId = message.id.split('|').at(-1) ?? message.id;
      counts.set(waId, (counts.get(waId) ?? 0) + 1);
    }
    return counts;
  } finally {
    store.close();
  }
}
