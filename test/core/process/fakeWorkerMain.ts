// Child entry for the process-model tests: the production child runtime around a FakeWorker.
// Started through `nodeSpawner({ execArgv: ['--import', 'tsx'] })`.
import { runWorkerChild } from '../../../electron/core/session/process/runWorkerChild.js';
import { FakeWorker } from './FakeWorker.js';

await runWorkerChild({ createWorker: (options, deps) => new FakeWorker(options, deps) });
