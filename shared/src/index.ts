export * from './contract/index.js';
export * from './domain/index.js';
