// Production entry of an account worker process (bundled to dist/core/workerMain.js). The session
// manager starts one per account with `child_process.fork` (browser mode) or `utilityProcess.fork`
// (Electron) and passes its launch options in WA_INBOX_WORKER. It trusts WhatsApp's own
// certificate root and talks to WhatsApp's servers: no socket overrides, no crash points.
import { createLogger } from '../util/logger.js';
import { AccountWorker } from './AccountWorker.js';
import { runWorkerChild, WORKER_EXIT } from './process/runWorkerChild.js';

runWorkerChild({ createWorker: (options, deps) => new AccountWorker(options, deps) }).catch((err: unknown) => {
  createLogger().fatal({ err }, 'account worker crashed while starting');
  process.exit(WORKER_EXIT.fatal);
});
