import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../util/logger.js';
import { readDemoSimEnv } from './demoSimEnv.js';
import { readHostOptions } from './hostOptions.js';
import { announceAndServe, runBrowserMode } from './runBrowserMode.js';
import { workerSessions } from './workerSessions.js';

// Demo entry (`npm run demo`, bundled to dist/core/demoMain.js): browser mode whose account
// workers are the demo worker, wired to the WhatsApp simulator named by WA_INBOX_SIM_* (see
// demoSimEnv.ts). The workers inherit this environment. Never part of a production bundle.
const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = createLogger();

async function main(): Promise<void> {
  const sim = readDemoSimEnv(process.env); // fail here, not in every worker, when it is missing
  // A demo must never open the user's real profile: default to a scratch one.
  const env = { ...process.env, WA_INBOX_PROFILE: process.env.WA_INBOX_PROFILE ?? join(tmpdir(), 'wa-inbox-demo') };
  const host = readHostOptions(process.argv.slice(2), env, appRoot);
  const sessions = workerSessions({
    profileDir: host.profileDir,
    log,
    workerScript: join(appRoot, 'dist', 'core', 'demoWorkerMain.js'),
  });
  const mode = await runBrowserMode(host, appRoot, log, sessions);
  announceAndServe(mode, `WA Inbox demo (simulator at ${sim.wsUrl}, profile ${host.profileDir}).`, log);
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'demo failed to start');
  process.exit(1);
});
