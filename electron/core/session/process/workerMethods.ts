import type { AccountPort } from '../../app/SessionPort.js';
import type { WorkerMethod } from '../rpc.js';

/*
 * The method names as runtime values: the child refuses any other name (the channel is a process
 * boundary), and the parent builds its AccountPort proxy from the same list. The `Exact` checks
 * make adding a method to AccountPort without listing it here a compile error.
 */

export const ACCOUNT_PORT_METHODS = [
  'listChats',
  'pageMessages',
  'search',
  'startChat',
  'modifyChat',
  'sendText',
  'sendAttachment',
  'react',
  'edit',
  'deleteForEveryone',
  'forward',
  'retrySend',
  'downloadMedia',
  'requestReupload',
  'retryAllFailedMedia',
  'setAlias',
  'requestOlderHistory',
  'takeOver',
  'relink',
  'logout',
  'requestPairingCode',
  'mediaCacheUsage',
  'setMediaCacheLimit',
  'clearMediaCache',
] as const satisfies readonly (keyof AccountPort)[];

export const WORKER_METHODS = [
  ...ACCOUNT_PORT_METHODS,
  'stop',
  'summary',
  'catchUp',
  'destroyArchive',
] as const satisfies readonly WorkerMethod[];

type Exact<Listed, All> = [Exclude<All, Listed>] extends [never] ? true : { missing: Exclude<All, Listed> };
const accountPortComplete: Exact<(typeof ACCOUNT_PORT_METHODS)[number], keyof AccountPort> = true;
const workerComplete: Exact<(typeof WORKER_METHODS)[number], WorkerMethod> = true;
void accountPortComplete;
void workerComplete;

const allowed = new Set<string>(WORKER_METHODS);

export function isWorkerMethod(name: unknown): name is WorkerMethod {
  return typeof name === 'string' && allowed.has(name);
}
