import type { AccountId, Message } from '../shared/src/index.js';
/** Realistic message rows for benchmarks: varied text lengths, a few media captions, fixed seed. */
export declare function makeMessages(count: number, chats?: number, accountId?: AccountId): Message[];
