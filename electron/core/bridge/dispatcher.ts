import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  CommandEnvelopeSchema,
  MAX_COMMAND_BYTES,
  commands,
  isCommandName,
  type CommandId,
  type CommandName,
  type Result,
} from '../../../shared/src/index.js';
import { BridgeError } from './BridgeError.js';
import type { HandlerContext, Handlers, Transport } from './handlers.js';

export type Dispatch = (envelope: unknown, transport: Transport, sizeBytes?: number) => Promise<Result<unknown>>;

export type DispatcherOptions = {
  readonly maxCommandBytes?: number;
  readonly log?: Logger;
};

const reject = (code: BridgeError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

/**
 * Validates every command against the contract before a handler sees it and turns every outcome,
 * including a handler's exception, into a Result. Nothing thrown crosses the bridge.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  const maxBytes = options.maxCommandBytes ?? MAX_COMMAND_BYTES;
  const log = options.log;

  return async function dispatch(envelope, transport, sizeBytes) {
    if (sizeBytes !== undefined && sizeBytes > maxBytes) {
      return reject('PAYLOAD_TOO_LARGE', `command is ${sizeBytes} bytes; the limit is ${maxBytes}`);
    }
    const parsedEnvelope = CommandEnvelopeSchema.safeParse(envelope);
    if (!parsedEnvelope.success) return reject('INVALID_INPUT', 'malformed command envelope');
    const { name, input } = parsedEnvelope.data;
    if (!isCommandName(name)) return reject('INVALID_INPUT', 'unknown command');

    const parsedInput = commands[name].input.safeParse(input);
    if (!parsedInput.success) {
      return reject('INVALID_INPUT', summarizeIssues(parsedInput.error.issues));
    }
    const commandId = randomUUID() as CommandId;
    const ctx: HandlerContext = { commandId, transport };
    try {
      const value = await invoke(handlers, name, parsedInput.data, ctx);
      return { ok: true, commandId, value };
    } catch (err) {
      if (err instanceof BridgeError) return reject(err.code, err.message);
      log?.error({ err, command: name }, 'command handler failed');
      return reject('INTERNAL', 'internal error');
    }
  };
}

function invoke(handlers: Handlers, name: CommandName, input: unknown, ctx: HandlerContext): Promise<unknown> {
  // The schema for `name` just validated `input`; the handler map is keyed by the same name.
  const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => unknown;
  return Promise.resolve(handler(input, ctx));
}

function summarizeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`)
    .join('; ')
    .slice(0, 500);
}
