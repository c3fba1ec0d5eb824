import { DEMO_PEOPLE, demoHistory, seedDemoContacts, WORK_PEOPLE, type DemoPeople } from '../../sim/demoWorld.js';
import { SimHost } from '../../sim/simHost.js';
import type { Simulator } from '../../sim/simulator.js';
import { quietLibsignal } from '../../sim/testing/quietLibsignal.js';
import { startBrowserModeProcess, type BrowserModeProcess } from '../browserModeProcess.js';

export type SimWorld = {
  /** The first phone's account (the only one unless `phones` asked for more). */
  readonly sim: Simulator;
  /** One account per phone, all served on one simulator port (`host`). */
  readonly sims: readonly Simulator[];
  readonly host: SimHost;
  readonly app: BrowserModeProcess;
  readonly stop: () => Promise<void>;
};

/** The phones a world can have: Dana's personal phone, then her work phone. */
const PHONES: readonly {
  readonly pn: string;
  readonly lid: string;
  readonly pushName: string;
  readonly people: DemoPeople;
}[] = [
  { pn: '15550001000', lid: '100000000000001', pushName: 'Dana Demo', people: DEMO_PEOPLE },
  { pn: '15550002000', lid: '100000000000002', pushName: 'Dana Work', people: WORK_PEOPLE },
];

/**
 * The simulator (in the test process, so the test can drive the phones and contacts) and the
 * app's demo entry (its own process, with per-account worker processes) wired to it. All phones'
 * accounts share one simulator port, as they share WhatsApp's servers: a companion belongs to the
 * phone that scans its QR code, and logs in by its number.
 */
export async function startSimWorld(
  options: { readonly profileDir?: string; readonly port?: number; readonly phones?: 1 | 2 } = {},
): Promise<SimWorld> {
  quietLibsignal();
  const host = await SimHost.start();
  const sims: Simulator[] = [];
  for (const phone of PHONES.slice(0, options.phones ?? 1)) {
    const sim = await host.addAccount({
      account: { pn: phone.pn, lid: phone.lid, pushName: phone.pushName },
      bizName: phone.pushName,
      initialHistory: demoHistory(undefined, phone.people),
      // One media CDN for every account, so the app needs one media port.
      media: sims[0]?.media?.cdn ?? true,
    });
    seedDemoContacts(sim, phone.people);
    sims.push(sim);
  }
  const [first] = sims;
  if (!first) throw new Error('a world needs at least one phone');
  const app = await startBrowserModeProcess({
    entry: 'dist/core/demoMain.js',
    ...(options.profileDir ? { profileDir: options.profileDir } : {}),
    ...(options.port ? { port: options.port } : {}),
    env: {
      WA_INBOX_SIM_WS_URL: host.wsUrl,
      WA_INBOX_SIM_ROOT: Buffer.from(host.trustRoot).toString('base64'),
      WA_INBOX_SIM_CDN_PORT: String(first.media?.cdn.port ?? ''),
    },
  });
  return {
    sim: first,
    sims,
    host,
    app,
    stop: async () => {
      await app.stop();
      await host.stop();
    },
  };
}
