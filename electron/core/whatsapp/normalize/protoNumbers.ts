/** protobufjs decodes 64-bit fields as Long objects (or numbers when they fit); we only need numbers. */
type LongLike = Readonly<{ toNumber: () => number }>;

export function protoNumber(value: number | LongLike | null | undefined): number | null {
  if (value === null || value === undefined) {
    return null;
  }
  const n = typeof value === 'number' ? value : value.toNumber();
  return Number.isFinite(n) ? n : null;
}

/** WhatsApp timestamps are seconds; the domain uses milliseconds. */
export function secondsToMs(value: number | LongLike | null | undefined): number | null {
  const n = protoNumber(value);
  return n === null ? null : Math.round(n * 1000);
}

export function bytesToB64(bytes: Uint8Array | null | undefined): string | null {
  return bytes && bytes.length > 0 ? Buffer.from(bytes).toString('base64') : null;
}
