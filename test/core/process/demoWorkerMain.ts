// Demo/test entry of an account worker process (bundled to dist/core/demoWorkerMain.js, never
// into a production bundle). Same child runtime as workerMain, plus what only the simulator
// needs: trust the simulator's certificate root, connect to its WebSocket, route media to its
// loopback CDN, and, when WA_INBOX_CRASH_PLAN is set, SIGKILL itself at instrumented points.
//
// It lives under test/ because it imports test/sim, which the core's TypeScript project may not
// include (see docs/process-model.md).
import { readDemoSimEnv } from '../../../electron/core/main/demoSimEnv.js';
import type { SocketOverrides } from '../../../electron/core/session/AccountWorkerApi.js';
import { AccountWorker } from '../../../electron/core/session/AccountWorker.js';
import { runWorkerChild, WORKER_EXIT } from '../../../electron/core/session/process/runWorkerChild.js';
import { createLogger } from '../../../electron/core/util/logger.js';
import { installCrashHandler } from '../../../electron/core/util/crashPoints.js';
import { trustSimulatorRoot } from '../../../electron/core/whatsapp/trustRoot.js';
import { createLoopbackDispatcher, LoopbackHttpsAgent } from '../../sim/cdn/index.js';
import { quietLibsignal } from '../../sim/testing/quietLibsignal.js';
import { crashHandlerFor, readCrashPlan } from './crashPlan.js';

quietLibsignal(); // libsignal narrates expected session changes on the console
const sim = readDemoSimEnv(process.env);
trustSimulatorRoot(sim.rootKey);
const plan = readCrashPlan(process.env);
if (plan) installCrashHandler(crashHandlerFor(plan));

const socketOverrides: SocketOverrides = {
  waWebSocketUrl: sim.wsUrl,
  ...(sim.cdnPort === null
    ? {}
    : { fetchDispatcher: createLoopbackDispatcher(sim.cdnPort), uploadAgent: new LoopbackHttpsAgent(sim.cdnPort) }),
  defaultQueryTimeoutMs: 10_000,
};

runWorkerChild({
  createWorker: (options, deps) => new AccountWorker(options, { ...deps, socketOverrides }),
}).catch((err: unknown) => {
  createLogger().fatal({ err }, 'demo account worker crashed while starting');
  process.exit(WORKER_EXIT.fatal);
});
