/**
 * Electron IPC channel names, in a module without zod so the sandboxed preload can import them
 * without bundling the schemas.
 */
export const IPC_COMMAND_CHANNEL = 'bridge:command';
export const IPC_EVENTS_CHANNEL = 'bridge:events';
