export * from './account.js';
export * from './chat.js';
export * from './connection.js';
export * from './contact.js';
export * from './ids.js';
export * from './media.js';
export * from './message.js';
export * from './sync.js';
