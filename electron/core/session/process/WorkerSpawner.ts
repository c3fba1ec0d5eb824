import { fork } from 'node:child_process';

/**
 * The little the session manager needs from a child process. `child_process.fork` gives it in
 * Node (browser mode, tests). The Electron shell injects one built on `utilityProcess.fork`,
 * because the app ships with the RunAsNode fuse off, so forking the Electron binary as Node does
 * not work there (see docs/process-model.md for the adapter it must provide).
 */
export type ChildLike = {
  readonly pid: number | undefined;
  /** Must not throw once the child is gone; a message to a dead child is simply lost. */
  readonly send: (message: unknown) => void;
  readonly onMessage: (listener: (message: unknown) => void) => void;
  /** Exactly once, also when the process never started (then `code` is null and `signal` too). */
  readonly onExit: (listener: (code: number | null, signal: string | null) => void) => void;
  readonly kill: (signal?: NodeJS.Signals) => void;
};

export type WorkerSpawner = (
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
) => ChildLike;

/**
 * `child_process.fork` with the parent's environment plus `env`. `execArgv` lets tests run a
 * TypeScript entry (`['--import', 'tsx']`); production runs the bundled `dist/core/*.js`.
 */
export function nodeSpawner(options: { execArgv?: readonly string[] } = {}): WorkerSpawner {
  return (script, args, env) => {
    const child = fork(script, [...args], {
      env: { ...process.env, ...env },
      execArgv: [...(options.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
    let exitListener: ((code: number | null, signal: string | null) => void) | null = null;
    let exitInfo: [number | null, string | null] | null = null;
    const exited = (code: number | null, signal: string | null): void => {
      if (exitInfo) return;
      exitInfo = [code, signal];
      exitListener?.(code, signal);
    };
    child.on('exit', exited);
    // A spawn failure (missing script, EAGAIN) emits 'error' and possibly no 'exit'.
    child.on('error', () => {
      if (child.exitCode === null && child.pid === undefined) exited(null, null);
    });
    return {
      pid: child.pid,
      send: (message) => {
        if (!child.connected) return;
        child.send(message as object, (err) => {
          // EPIPE / channel closed: the exit handler reports the death; nothing to do here.
          void err;
        });
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => {
        exitListener = listener;
        if (exitInfo) listener(...exitInfo);
      },
      kill: (signal = 'SIGTERM') => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      },
    };
  };
}
