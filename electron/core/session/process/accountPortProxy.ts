import type { AccountPort } from '../../app/SessionPort.js';
import type { WorkerSupervisor } from './WorkerSupervisor.js';
import { ACCOUNT_PORT_METHODS } from './workerMethods.js';

/**
 * An AccountPort whose every method is a call into the account's worker process. `takeOver` on
 * an account another instance holds means "try to take the lock again", which is what the user
 * asks for when they press it after closing the other window.
 */
export function accountPortProxy(supervisor: WorkerSupervisor): AccountPort {
  const entries = ACCOUNT_PORT_METHODS.map((method) => [
    method,
    (...args: unknown[]) => (supervisor.call as (m: string, ...a: unknown[]) => Promise<unknown>)(method, ...args),
  ]);
  const port = Object.fromEntries(entries) as AccountPort;
  return {
    ...port,
    takeOver: () => {
      if (supervisor.state !== 'locked') return port.takeOver();
      supervisor.retryNow();
      return Promise.resolve();
    },
  };
}
