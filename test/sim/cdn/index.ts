/** Loopback media CDN for the WhatsApp simulator. See test/sim/MEDIA-AND-HISTORY.md. */
export { CdnServer } from './CdnServer.js';
export type { CdnFault, CdnItem, CdnServerOptions, CdnUpload } from './CdnServer.js';
export { makeDirectPath, makeUploadDirectPath, pathKey } from './directPath.js';
export { createLoopbackDispatcher, LoopbackHttpsAgent } from './loopbackTransport.js';
export { buildMediaConnNode } from './mediaConn.js';
