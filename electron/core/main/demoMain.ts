import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../util/logger.js';
import { readDemoSimEnv } from './demoSimEnv.js';
import { readHostOptions } from './hostOptions.js';
import { runBrowserMode } from './runBrowserMode.js';
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
  process.stdout.write(
    `\nWA Inbox demo (simulator at ${sim.wsUrl}, profile ${host.profileDir}).\n` +
      `Open this address (it carries a one-time access token):\n\n  ${mode.server.loginUrl()}\n\n`,
  );
  const shutdown = (): void => {
    mode.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'demo failed to start');
  process.exit(1);
});
