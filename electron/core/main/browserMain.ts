import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../util/logger.js';
import { readHostOptions } from './hostOptions.js';
import { announceAndServe, runBrowserMode } from './runBrowserMode.js';
import { workerSessions } from './workerSessions.js';

// Production entry for browser mode (`npm start` without Electron, or `npm run start:browser`).
// Bundled to dist/core/browserMain.js; the app root is two levels up from there.
const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = createLogger();

async function main(): Promise<void> {
  const host = readHostOptions(process.argv.slice(2), process.env, appRoot);
  const sessions = workerSessions({
    profileDir: host.profileDir,
    log,
    workerScript: join(appRoot, 'dist', 'core', 'workerMain.js'),
  });
  const mode = await runBrowserMode(host, appRoot, log, sessions);
  announceAndServe(mode, 'WA Inbox is running in browser mode.', log);
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'browser mode failed to start');
  process.exit(1);
});
