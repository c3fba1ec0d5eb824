import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../util/logger.js';
import { readDemoSimTargets } from './demoSimEnv.js';
import { demoSimSpawner } from './demoSimSpawner.js';
import { readHostOptions } from './hostOptions.js';
import { announceAndServe, runBrowserMode } from './runBrowserMode.js';
import { workerSessions } from './workerSessions.js';

// Demo entry (`npm run demo`, bundled to dist/core/demoMain.js): browser mode whose account
// workers are the demo worker, wired to the WhatsApp simulator(s) named by WA_INBOX_SIM_* (see
// demoSimEnv.ts). The workers inherit this environment; with several simulators listed, each
// account's worker gets its own (demoSimSpawner.ts). Never part of a production bundle.
const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = createLogger();

async function main(): Promise<void> {
  const sims = readDemoSimTargets(process.env); // fail here, not in every worker, when it is missing
  // A demo must never open the user's real profile: default to a scratch one.
  const env = { ...process.env, WA_INBOX_PROFILE: process.env.WA_INBOX_PROFILE ?? join(tmpdir(), 'wa-inbox-demo') };
  const host = readHostOptions(process.argv.slice(2), env, appRoot);
  const sessions = workerSessions({
    profileDir: host.profileDir,
    log,
    workerScript: join(appRoot, 'dist', 'core', 'demoWorkerMain.js'),
    ...(sims.length > 1 ? { spawner: demoSimSpawner(host.profileDir, sims) } : {}),
  });
  const mode = await runBrowserMode(host, appRoot, log, sessions);
  announceAndServe(
    mode,
    `WA Inbox demo (simulator at ${sims.map((sim) => sim.WA_INBOX_SIM_WS_URL).join(', ')}, profile ${host.profileDir}).`,
    log,
  );
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'demo failed to start');
  process.exit(1);
});
