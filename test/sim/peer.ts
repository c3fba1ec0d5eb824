import type { BinaryNode, proto } from '@whiskeysockets/baileys';
import { SignalActor } from './signalActor.js';
import { lidJid, pnJid } from './world.js';

export type ReceivedMessage = Readonly<{
  id: string;
  message: proto.Message;
  at: number;
  stanza: BinaryNode;
  /** Set for a group message (decrypted from the app's `skmsg`). */
  group?: string;
}>;

/** Per-send knobs; the defaults are what the real service does. */
export type SendOptions = {
  id?: string;
  /** 'pn' (default): from=<pn> with sender_lid; 'lid': from=<lid> with sender_pn. */
  addressing?: 'pn' | 'lid';
  /** Negative tests only: skip Signal and send a <plaintext> child (counted in sim.stats). */
  plaintext?: boolean;
  /**
   * Encrypt, then flip bytes so the client fails to decrypt and sends a retry receipt. A number N
   * corrupts the first N deliveries (N ≥ 2 makes Baileys attach its keys to the second retry).
   */
  corrupt?: boolean | number;
  /**
   * Drop the client's socket right after the stanza is written; its receipt is lost. The client may
   * already have decrypted it, and then nacks the redelivery (ack error=487, "key used already").
   */
  dropConnectionAfterSend?: boolean;
  /** The network loses the stanza (never written) and the link drops; it is redelivered on the next login. */
  lostInTransit?: boolean;
  /** Stanza `type` attr; Baileys only uses it for routing of receipts. */
  stanzaType?: 'text' | 'media' | 'reaction' | 'poll';
  timestampS?: number;
  /** Phone only: a message typed on the phone into chat `recipient` (arrives fromMe on the companion). */
  recipient?: string;
};

type Waiter = { pred: (m: ReceivedMessage) => boolean; resolve: (m: ReceivedMessage) => void };

/**
 * Someone the linked device talks to through Signal: a contact, or the account's own phone.
 * Holds the Signal identity and what the peer decrypted from the app.
 */
export class Peer {
  readonly actor = new SignalActor();
  readonly received: ReceivedMessage[] = [];
  #waiters: Waiter[] = [];
  /** Test knob: the next N app messages fail to decrypt here, as on a device with damaged keys. */
  failDecryptions = 0;
  /** Generation of the linked device the current session was built against. */
  sessionGeneration = -1;

  constructor(
    readonly pn: string,
    readonly lid: string,
  ) {}

  get pnJid(): string {
    return pnJid(this.pn);
  }

  get lidJid(): string {
    return lidJid(this.lid);
  }

  /**
   * Second copies of a message id this peer already has. A real WhatsApp client shows a message id
   * once, so a copy resent after the app crashed between sending and recording it lands here.
   */
  readonly duplicateDeliveries: ReceivedMessage[] = [];

  /** Called by the simulator after decrypting something the app sent to this peer. */
  deliver(entry: ReceivedMessage): void {
    // Same id and same content kinds: a resend. (A group send delivers the sender-key distribution
    // and the group message under one id; those are two different things, both kept.)
    const kinds = contentKinds(entry);
    if (this.received.some((r) => r.id === entry.id && contentKinds(r) === kinds)) {
      this.duplicateDeliveries.push(entry);
      return;
    }
    this.received.push(entry);
    const still: Waiter[] = [];
    for (const w of this.#waiters) {
      if (w.pred(entry)) w.resolve(entry);
      else still.push(w);
    }
    this.#waiters = still;
  }

  /** Resolves with the first (past or future) decrypted message matching `pred`. */
  waitForMessage(pred: (m: ReceivedMessage) => boolean = () => true, timeoutMs = 5000): Promise<ReceivedMessage> {
    const hit = this.received.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.pn}: no matching message within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      this.#waiters.push(waiter);
    });
  }
}

/** Text of the common text-carrying message shapes (rc14 sends text as extendedTextMessage). */
export function textOf(message: proto.IMessage | null | undefined): string | undefined {
  return message?.conversation ?? message?.extendedTextMessage?.text ?? undefined;
}

function contentKinds(entry: ReceivedMessage): string {
  return Object.keys(entry.message)
    .filter((key) => key !== 'messageContextInfo')
    .sort()
    .join(',');
}
