export * from './backup.js';
export * from './commands.js';
export * from './events.js';
export * from './limits.js';
export * from './mediaCache.js';
export * from './pairingCode.js';
export * from './result.js';
export * from './transport.js';
