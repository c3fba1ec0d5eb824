import type { UserFacingSocketConfig } from '@whiskeysockets/baileys';
import { Simulator } from '../simulator.js';
import type { SimulatorOptions } from '../simulator.js';
import { closeClient, pairAndConnect } from './connectClient.js';
import type { Client } from './connectClient.js';
import { UpsertLog } from './events.js';
import { makeMemoryAuth } from './memoryAuth.js';
import type { MemoryAuth } from './memoryAuth.js';
import { quietLibsignal } from './quietLibsignal.js';

quietLibsignal();

export type PairedWorld = {
  sim: Simulator;
  auth: MemoryAuth;
  client: Client;
  upserts: UpsertLog;
  /** Closes the client (if still open) and the simulator. */
  teardown: () => Promise<void>;
};

/** A simulator with one freshly QR-paired, open Baileys client. */
export async function startPairedWorld(
  opts: Readonly<{
    sim?: SimulatorOptions;
    client?: Partial<UserFacingSocketConfig>;
    /** Runs after the simulator started and before pairing (seed app state, groups, contacts). */
    beforePair?: (sim: Simulator) => Promise<void> | void;
    /** Every socket as soon as it exists (listen to events of the initial sync). */
    onSocket?: (client: Client) => void;
  }> = {},
): Promise<PairedWorld> {
  const sim = await Simulator.start(opts.sim);
  await opts.beforePair?.(sim);
  const auth = makeMemoryAuth();
  // With a CDN attached, route Baileys' media/history fetches and uploads to it.
  const cdn = sim.media?.cdn;
  const client = await pairAndConnect(
    sim,
    auth,
    {
      ...(cdn ? { options: cdn.requestOptions, fetchAgent: cdn.httpsAgent } : {}),
      ...opts.client,
    },
    opts.onSocket,
  );
  // Wait until Baileys left AwaitingInitialSync (the phone's initial history was processed), so the
  // event buffer no longer holds events and later logins skip the 20 s history wait.
  const deadline = Date.now() + 10_000;
  while (!(auth.state.creds.accountSyncCounter > 0)) {
    if (Date.now() > deadline) throw new Error('initial history sync did not complete');
    await sleep(20);
  }
  const world: PairedWorld = {
    sim,
    auth,
    client,
    upserts: new UpsertLog(client.sock),
    teardown: async () => {
      await Promise.race([closeClient(world.client), new Promise((r) => setTimeout(r, 1000))]);
      await sim.stop();
    },
  };
  return world;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
