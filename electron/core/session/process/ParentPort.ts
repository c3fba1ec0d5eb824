import type { ChildMessage, ParentMessage } from '../rpc.js';
import { isParentMessage } from '../rpc.js';

/**
 * The child's end of the IPC channel. Under `child_process.fork` that is `process.send` /
 * `process.on('message')`; under Electron's `utilityProcess` it is `process.parentPort`
 * (messages arrive wrapped as `{ data }`). One worker bundle serves both hosts.
 */
export type ParentPort = {
  /** `done` runs once the message has left this process (exit only after that, or it is lost). */
  readonly send: (message: ChildMessage, done?: () => void) => void;
  readonly onMessage: (listener: (message: ParentMessage) => void) => void;
  /** Called when the parent is gone: the worker must not outlive it (it holds the account lock). */
  readonly onDisconnect: (listener: () => void) => void;
};

type UtilityParentPort = {
  postMessage: (message: unknown) => void;
  on: (event: 'message', listener: (event: { data: unknown }) => void) => void;
};

export function currentParentPort(): ParentPort {
  // `parentPort` is Electron's addition to `process` in a utility process; Node's types lack it.
  const utility = (process as { parentPort?: UtilityParentPort }).parentPort;
  if (utility) {
    return {
      send: (message, done) => {
        utility.postMessage(message);
        if (done) setImmediate(done);
      },
      onMessage: (listener) =>
        utility.on('message', (event) => {
          if (isParentMessage(event.data)) listener(event.data);
        }),
      // A utility process is torn down with its parent; there is no disconnect event to watch.
      onDisconnect: () => {},
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('the account worker must be started with an IPC channel (fork or utilityProcess)');
  return {
    send: (message, done) => {
      // The channel closes when the parent dies; a late batch then has nowhere to go.
      if (process.connected) send(message, undefined, undefined, () => done?.());
      else done?.();
    },
    onMessage: (listener) =>
      process.on('message', (message: unknown) => {
        if (isParentMessage(message)) listener(message);
      }),
    onDisconnect: (listener) => process.once('disconnect', listener),
  };
}
