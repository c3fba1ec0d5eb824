import { Simulator } from '../../sim/simulator.js';
import { demoHistory, seedDemoContacts } from '../../sim/demoWorld.js';
import { quietLibsignal } from '../../sim/testing/quietLibsignal.js';
import { startBrowserModeProcess, type BrowserModeProcess } from '../browserModeProcess.js';

export type SimWorld = {
  readonly sim: Simulator;
  readonly app: BrowserModeProcess;
  readonly stop: () => Promise<void>;
};

/**
 * The simulator (in the test process, so the test can drive the phone and contacts) and the app's
 * demo entry (its own process, with per-account worker processes) wired to it.
 */
export async function startSimWorld(
  options: { readonly profileDir?: string; readonly port?: number } = {},
): Promise<SimWorld> {
  quietLibsignal();
  const sim = await Simulator.start({
    account: { pn: '15550001000', pushName: 'Dana Demo' },
    bizName: 'Dana Demo',
    initialHistory: demoHistory(),
    media: true,
  });
  seedDemoContacts(sim);
  const app = await startBrowserModeProcess({
    entry: 'dist/core/demoMain.js',
    ...(options.profileDir ? { profileDir: options.profileDir } : {}),
    ...(options.port ? { port: options.port } : {}),
    env: {
      WA_INBOX_SIM_WS_URL: sim.wsUrl,
      WA_INBOX_SIM_ROOT: Buffer.from(sim.trustRoot).toString('base64'),
      WA_INBOX_SIM_CDN_PORT: String(sim.media?.cdn.port ?? ''),
    },
  });
  return {
    sim,
    app,
    stop: async () => {
      await app.stop();
      await sim.stop();
    },
  };
}
