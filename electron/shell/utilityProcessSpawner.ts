import { utilityProcess } from 'electron';
import type { ChildLike, WorkerSpawner } from '../core/session/process/WorkerSpawner.js';

/**
 * The core's `WorkerSpawner` on Electron's `utilityProcess`. Needed because the packaged app has
 * the RunAsNode fuse off: `child_process.fork` of the Electron binary would start a second app
 * instead of Node. Only callable after `app` is ready. The child reads messages from
 * `process.parentPort` (the core's ParentPort handles both kinds of child).
 */
export function utilityProcessSpawner(serviceName = 'WA Inbox account worker'): WorkerSpawner {
  return (script, args, env) => {
    const child = utilityProcess.fork(script, [...args], {
      env: { ...process.env, ...env },
      stdio: 'inherit',
      serviceName,
    });
    let exitListener: ((code: number | null, signal: string | null) => void) | null = null;
    let exitInfo: [number | null, string | null] | null = null;
    const exited = (code: number | null): void => {
      if (exitInfo) return;
      exitInfo = [code, null]; // utilityProcess reports no signal
      exitListener?.(...exitInfo);
    };
    child.on('exit', exited);
    const handle: ChildLike = {
      // The pid is only known after 'spawn', so it is read live rather than copied.
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (exitInfo) return;
        try {
          child.postMessage(message);
        } catch {
          // The child died between the check and the send; 'exit' reports that.
        }
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => {
        exitListener = listener;
        if (exitInfo) listener(...exitInfo);
      },
      // utilityProcess.kill takes no signal: SIGTERM on POSIX, TerminateProcess on Windows.
      kill: () => {
        if (!exitInfo) child.kill();
      },
    };
    return handle;
  };
}
