/** Groups for the simulator (w:g2 metadata, sender keys, participant changes). See test/sim/README.md "Groups". */
export { SimGroups } from './SimGroups.js';
export type { GroupAddressing, GroupInit, SimGroup } from './SimGroups.js';
