import type { BridgeApi, CommandInput, CommandName, CommandOutput, Result } from '../../../shared/src/index.js';

let activeBridge: BridgeApi | null = null;

/** Installed once at startup by `bootstrap`; tests install a fake. */
export function setBridge(bridge: BridgeApi): void {
  activeBridge = bridge;
}

export function getBridge(): BridgeApi {
  if (!activeBridge) throw new Error('bridge used before bootstrap');
  return activeBridge;
}

/** Typed command call: input and output types come from the contract. Never throws for refusals. */
export function call<K extends CommandName>(name: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>> {
  return callWith(getBridge(), name, input);
}

/** The same, on an explicit bridge (services that are handed theirs, and tests). */
export async function callWith<K extends CommandName>(
  bridge: BridgeApi,
  name: K,
  input: CommandInput<K>,
): Promise<Result<CommandOutput<K>>> {
  // Main validated the output against the same schema before answering.
  return (await bridge.send(name, input)) as Result<CommandOutput<K>>;
}
