import type { proto } from '@whiskeysockets/baileys';

/*
 * The wire bytes of every message in a HistorySync blob, so the `raw` column stores what the phone
 * sent instead of re-encoding each decoded WebMessageInfo (protobufjs' encoder was ~10% of history
 * ingest). Only the three levels that lead to a message are walked; everything else is skipped:
 *
 *   HistorySync.conversations = 2 → Conversation.messages = 2 → HistorySyncMsg.message = 1 (WebMessageInfo)
 */

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/** Thrown for bytes that are not a well-formed protobuf; the caller re-encodes instead. */
class WireFormatError extends Error {
  override name = 'WireFormatError';
}

type Field = Readonly<{ fieldNumber: number; wireType: number; start: number; end: number }>;

/**
 * Maps each decoded message of `history` (decoded from `bytes`) to its own bytes (views into
 * `bytes`, no copy). Empty when the walk and the decoded tree disagree, so a surprise in the wire
 * format costs a re-encode, never a wrong row.
 */
export function historyMessageBytes(
  history: proto.IHistorySync,
  bytes: Uint8Array,
): ReadonlyMap<proto.IWebMessageInfo, Uint8Array> {
  const byMessage = new Map<proto.IWebMessageInfo, Uint8Array>();
  try {
    const conversations = childrenOf(bytes, 0, bytes.length, 2);
    const decoded = history.conversations ?? [];
    if (conversations.length !== decoded.length) return new Map();
    for (const [i, conversation] of conversations.entries()) {
      const items = childrenOf(bytes, conversation.start, conversation.end, 2);
      const decodedItems = decoded[i]?.messages ?? [];
      if (items.length !== decodedItems.length) return new Map();
      for (const [j, item] of items.entries()) {
        const message = decodedItems[j]?.message;
        const field = childrenOf(bytes, item.start, item.end, 1).at(-1); // protobuf: the last one wins
        if (message && field) byMessage.set(message, bytes.subarray(field.start, field.end));
      }
    }
  } catch (err) {
    if (err instanceof WireFormatError) return new Map();
    throw err;
  }
  return byMessage;
}

/** The length-delimited fields numbered `fieldNumber` in bytes[start, end). */
function childrenOf(bytes: Uint8Array, start: number, end: number, fieldNumber: number): Field[] {
  const found: Field[] = [];
  let pos = start;
  while (pos < end) {
    const field = nextField(bytes, pos, end);
    if (field.fieldNumber === fieldNumber && field.wireType === WIRE_LENGTH_DELIMITED) found.push(field);
    pos = field.end;
  }
  return found;
}

/** Reads one field at `pos`; `start`/`end` bound its payload (for varints and fixed types, the value). */
function nextField(bytes: Uint8Array, pos: number, limit: number): Field {
  const tag = readVarint(bytes, pos, limit);
  const fieldNumber = Math.floor(tag.value / 8);
  const wireType = tag.value % 8;
  const start = tag.next;
  switch (wireType) {
    case WIRE_VARINT:
      return { fieldNumber, wireType, start, end: readVarint(bytes, start, limit).next };
    case WIRE_FIXED64:
      return { fieldNumber, wireType, start, end: bounded(start + 8, limit) };
    case WIRE_FIXED32:
      return { fieldNumber, wireType, start, end: bounded(start + 4, limit) };
    case WIRE_LENGTH_DELIMITED: {
      const length = readVarint(bytes, start, limit);
      return { fieldNumber, wireType, start: length.next, end: bounded(length.next + length.value, limit) };
    }
    default:
      // Groups (3, 4) are not used by WAProto.
      throw new WireFormatError(`unsupported wire type ${wireType}`);
  }
}

function readVarint(bytes: Uint8Array, pos: number, limit: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = pos; i < limit && i < pos + 10; i += 1) {
    const byte = bytes[i] ?? 0;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: i + 1 };
    scale *= 128;
  }
  throw new WireFormatError('truncated varint');
}

function bounded(end: number, limit: number): number {
  if (end > limit) throw new WireFormatError('field runs past its parent');
  return end;
}
