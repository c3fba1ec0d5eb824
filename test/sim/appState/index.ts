/** App-state sync for the simulator (keys, collections, sync replies). See test/sim/README.md "App state". */
export { AppStateCollection, AppStatePatchError, snapshotMac } from './AppStateCollection.js';
export type { AppStateEntry } from './AppStateCollection.js';
export { AppStateKeyring, mutationKeys } from './appStateKeys.js';
export type { MutationKeys } from './appStateKeys.js';
export { AppStateServer, PATCHES_PER_REPLY } from './AppStateServer.js';
export type { RejectedPatch } from './AppStateServer.js';
