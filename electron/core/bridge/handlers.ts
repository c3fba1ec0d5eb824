import type { CommandId, CommandInput, CommandName, CommandOutput } from '../../../shared/src/index.js';

export type Transport = 'ipc' | 'ws' | 'internal';

export type HandlerContext = {
  readonly commandId: CommandId;
  readonly transport: Transport;
};

/**
 * One handler per command in the contract. Because the map is typed from `commands`, adding a
 * command to the contract without a handler is a compile error.
 */
export type Handlers = {
  readonly [K in CommandName]: (
    input: CommandInput<K>,
    ctx: HandlerContext,
  ) => Promise<CommandOutput<K>> | CommandOutput<K>;
};
