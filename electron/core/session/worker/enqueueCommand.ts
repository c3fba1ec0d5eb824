import type { ChatId, CommandId, MessageId } from '../../../../shared/src/index.js';
import type { OutboxLane, StoreOp } from '../../store/index.js';
import { ownMessageId } from './runCommand.js';
import type { WorkerRuntime } from './WorkerRuntime.js';

export type EnqueueRequest = Readonly<{
  commandId: CommandId;
  lane: OutboxLane;
  name: string;
  payload: unknown;
  /** The WhatsApp message id this command will send with; null for commands that send none. */
  waId: string | null;
  /** Rows the command implies right away (the pending message), committed with the outbox entry. */
  ops: readonly StoreOp[];
}>;

/**
 * Accepts a command: outbox entry and its rows in ONE transaction, then emit, then wake the lanes.
 * A command id seen before is not queued twice (the renderer may resend after a reload).
 */
export function enqueueCommand(rt: WorkerRuntime, req: EnqueueRequest): void {
  if (rt.store.outbox.get(req.commandId) !== undefined) return;
  if (req.waId !== null) rt.markSentByThisDevice(req.waId);
  rt.applyWith(req.ops, () =>
    rt.store.outbox.enqueue({
      id: req.commandId,
      lane: req.lane,
      name: req.name,
      payload: req.payload,
      clientMessageId: req.waId,
    }),
  );
  rt.lanes.kick();
}

/**
 * A sending command: its WhatsApp id is generated now and persisted with the pending row, before
 * the first attempt, so a retry after a crash reuses it. Returns the message id (same on a resend).
 */
export function enqueueSend(
  rt: WorkerRuntime,
  req: Readonly<{
    commandId: CommandId;
    name: string;
    input: unknown;
    chatId: ChatId;
    rows: (messageId: MessageId) => StoreOp[];
  }>,
): MessageId {
  const existing = rt.store.outbox.get(req.commandId);
  if (existing?.clientMessageId) return ownMessageId(req.chatId, existing.clientMessageId);
  const waId = rt.newWaId();
  const messageId = ownMessageId(req.chatId, waId);
  enqueueCommand(rt, {
    commandId: req.commandId,
    lane: 'serial',
    name: req.name,
    payload: req.input,
    waId,
    ops: req.rows(messageId),
  });
  return messageId;
}
