import type { BenchRow } from '../harness.js';
/**
 * Batched event delivery over the browser-mode bridge vs one message per event, same server, same
 * WebSocket, same JSON serializer. Measured end to end: publish in main → frames parsed in the client.
 */
export declare function benchBatching(): Promise<BenchRow>;
