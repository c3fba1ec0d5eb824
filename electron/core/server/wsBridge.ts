import type { WebSocket } from 'ws';
import type { ClientFrame, EventBatch, ServerFrame } from '../../../shared/src/index.js';
import { MAX_COMMAND_BYTES } from '../../../shared/src/index.js';
import type { Dispatch } from '../bridge/dispatcher.js';
import type { EventHub } from '../bridge/EventHub.js';

/**
 * One browser window on the WebSocket bridge: commands in, Results and event batches out.
 * Malformed frames are answered, never fatal: the connection and the process keep serving.
 */
export function attachWsBridge(socket: WebSocket, dispatch: Dispatch, hub: EventHub): void {
  const unsubscribe = hub.subscribe((batches) => send(socket, toEventsFrame(batches)));
  socket.on('close', unsubscribe);
  socket.on('error', unsubscribe);

  socket.on('message', (data, isBinary) => {
    const raw = isBinary ? null : rawToString(data);
    if (raw === null) {
      send(socket, { t: 'res', id: -1, result: invalid('binary frames are not accepted') });
      return;
    }
    if (raw.length > MAX_COMMAND_BYTES) {
      // Refuse before JSON.parse allocates; the id is read from the frame's head when present.
      send(socket, {
        t: 'res',
        id: peekId(raw),
        result: {
          ok: false,
          error: { code: 'PAYLOAD_TOO_LARGE', message: `frame exceeds ${MAX_COMMAND_BYTES} bytes` },
        },
      });
      return;
    }
    const frame = parseFrame(raw);
    if (!frame) {
      send(socket, { t: 'res', id: peekId(raw), result: invalid('malformed frame or envelope') });
      return;
    }
    void dispatch({ name: frame.name, input: frame.input }, 'ws', raw.length).then((result) =>
      send(socket, { t: 'res', id: frame.id, result }),
    );
  });
}

function toEventsFrame(batches: readonly EventBatch[]): ServerFrame {
  return batches.length === 1 && batches[0] ? { t: 'events', batch: batches[0] } : { t: 'events-many', batches };
}

function send(socket: WebSocket, frame: ServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

function invalid(message: string) {
  return { ok: false as const, error: { code: 'INVALID_INPUT' as const, message } };
}

function rawToString(data: unknown): string | null {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return null;
}

const FRAME_KEYS = new Set(['t', 'id', 'name', 'input']);

function parseFrame(raw: string): ClientFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (Object.keys(record).some((key) => !FRAME_KEYS.has(key))) return null;
  if (record.t !== 'cmd' || !Number.isSafeInteger(record.id) || typeof record.name !== 'string') return null;
  return { t: 'cmd', id: record.id as number, name: record.name, input: record.input };
}

function peekId(raw: string): number {
  const match = /^\s*\{\s*"t"\s*:\s*"cmd"\s*,\s*"id"\s*:\s*(\d{1,15})/.exec(raw.slice(0, 64));
  return match?.[1] ? Number(match[1]) : -1;
}
