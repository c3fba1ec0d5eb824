export * from './commands.js';
export * from './events.js';
export * from './limits.js';
export * from './result.js';
export * from './transport.js';
