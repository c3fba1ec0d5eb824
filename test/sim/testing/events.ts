import type { BaileysEventMap, WAMessage, WASocket } from '@whiskeysockets/baileys';

/** Resolves with the first `event` payload that satisfies `pred` (listening starts now). */
export function waitForEvent<K extends keyof BaileysEventMap>(
  sock: WASocket,
  event: K,
  pred: (payload: BaileysEventMap[K]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<BaileysEventMap[K]> {
  return new Promise((resolve, reject) => {
    const listener = (payload: BaileysEventMap[K]): void => {
      if (!pred(payload)) return;
      clearTimeout(timer);
      sock.ev.off(event, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      sock.ev.off(event, listener);
      reject(new Error(`no ${event} event within ${timeoutMs} ms`));
    }, timeoutMs);
    sock.ev.on(event, listener);
  });
}

/** Collects every upserted message of a socket, so tests can wait for one by id. */
export class UpsertLog {
  readonly messages: WAMessage[] = [];
  #waiters: { pred: (m: WAMessage) => boolean; resolve: (m: WAMessage) => void }[] = [];

  constructor(sock: WASocket) {
    sock.ev.on('messages.upsert', ({ messages }) => {
      for (const m of messages) {
        this.messages.push(m);
        this.#waiters = this.#waiters.filter((w) => {
          if (!w.pred(m)) return true;
          w.resolve(m);
          return false;
        });
      }
    });
  }

  waitFor(pred: (m: WAMessage) => boolean, timeoutMs = 5000): Promise<WAMessage> {
    const hit = this.messages.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching messages.upsert within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  byId(id: string, timeoutMs = 5000): Promise<WAMessage> {
    return this.waitFor((m) => m.key.id === id, timeoutMs);
  }
}
