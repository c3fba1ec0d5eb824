import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Account, AccountId, BridgeEvent, EventBatch } from '../../shared/src/index.js';
import { createAccountlessSessions } from '../../electron/core/app/accountlessSessions.js';
import { createHandlers } from '../../electron/core/app/createHandlers.js';
import type { SessionPort } from '../../electron/core/app/SessionPort.js';
import { BackupService } from '../../electron/core/backup/BackupService.js';
import type { Dispatch } from '../../electron/core/bridge/dispatcher.js';
import { createDispatcher } from '../../electron/core/bridge/dispatcher.js';
import { EventHub } from '../../electron/core/bridge/EventHub.js';
import { staticKeyProvider } from '../../electron/core/store/keyProvider.js';
import { TEST_KEY } from '../../electron/core/store/storeFixtures.js';
import { FAST_RETRY } from './backupHarness.js';

/**
 * A profile with the real BackupService behind the real dispatcher, and a session layer that
 * keeps account directories on disk but runs no worker processes (the restore path only needs
 * "stop the account, write its store, start it again" and "adopt a restored directory").
 */
export type ServiceProfile = {
  readonly dir: string;
  readonly hub: EventHub;
  readonly service: BackupService;
  readonly send: (name: string, input: unknown) => ReturnType<Dispatch>;
  readonly events: BridgeEvent[];
  readonly batches: EventBatch[];
  readonly accounts: Account[];
  readonly stoppedFor: AccountId[];
  readonly accountDir: (accountId: AccountId) => string;
  readonly close: () => Promise<void>;
};

export function accountOf(id: AccountId, label = 'Work'): Account {
  return {
    id,
    label,
    phoneNumber: null,
    pushName: null,
    connection: { kind: 'idle' },
    sync: {
      phase: 'awaiting',
      progress: null,
      chunksReceived: 0,
      chunksProcessed: 0,
      messagesImported: 0,
      lateChunks: 0,
      completeSource: null,
      lastChunkAt: null,
    },
  };
}

export async function openServiceProfile(accountIds: readonly AccountId[] = []): Promise<ServiceProfile> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-backup-svc-'));
  const hub = new EventHub();
  const events: BridgeEvent[] = [];
  const batches: EventBatch[] = [];
  hub.subscribe((published) => {
    batches.push(...published);
    for (const batch of published) events.push(...batch.events);
  });
  const accounts = accountIds.map((id) => accountOf(id));
  const stoppedFor: AccountId[] = [];
  const accountDir = (accountId: AccountId) => path.join(dir, 'accounts', accountId);
  for (const id of accountIds) fs.mkdirSync(accountDir(id), { recursive: true });
  const sessions: SessionPort = {
    ...createAccountlessSessions(),
    listAccounts: () => accounts,
    archives: {
      accountDir,
      withAccountStopped: async (accountId, fn) => {
        stoppedFor.push(accountId);
        return fn();
      },
      adoptArchive: (accountId, label) => {
        accounts.push(accountOf(accountId, label));
        hub.publish({
          accountId: null,
          seq: Date.now(),
          events: [{ type: 'accounts.changed', accounts: [...accounts] }],
        });
        return Promise.resolve();
      },
    },
  };
  const service = await BackupService.open({
    profileDir: dir,
    keyProvider: staticKeyProvider(TEST_KEY),
    hub,
    sessions,
    log: pino({ level: 'silent' }),
    retry: FAST_RETRY,
  });
  const dispatch = createDispatcher(createHandlers({ mode: 'browser', version: '0', sessions, backup: service }));
  return {
    dir,
    hub,
    service,
    send: (name, input) => dispatch({ name, input }, 'ws'),
    events,
    batches,
    accounts,
    stoppedFor,
    accountDir,
    close: async () => {
      await service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the first published event that matches, or fails after `timeoutMs`. */
export async function waitForEvent<T extends BridgeEvent>(
  profile: ServiceProfile,
  match: (event: BridgeEvent) => event is T,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = profile.events.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting for an event');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
