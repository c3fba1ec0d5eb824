import type { WAMessage, WASocket } from '@whiskeysockets/baileys';

/** Shaped like a Boom 408 so `mediaFailure` classifies it as timedOut. */
export class ReuploadTimeoutError extends Error {
  readonly output = { statusCode: 408 };
  constructor() {
    super('media re-upload request timed out');
    this.name = 'ReuploadTimeoutError';
  }
}

/**
 * `sock.updateMediaMessage` with a timeout. Baileys waits for `messages.media-update` with no timeout
 * and keeps two listeners on the emitter until an answer or a socket close; on timeout we emit that
 * answer ourselves (an error for this key), which makes Baileys remove both listeners.
 * Resolves with the message, its media content now pointing at the re-uploaded blob.
 */
export async function requestReupload(sock: WASocket, msg: WAMessage, timeoutMs: number): Promise<WAMessage> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new ReuploadTimeoutError();
      sock.ev.emit('messages.media-update', [{ key: msg.key, error: err as never }]);
      reject(err);
    }, timeoutMs);
  });
  try {
    return await Promise.race([sock.updateMediaMessage(msg), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
