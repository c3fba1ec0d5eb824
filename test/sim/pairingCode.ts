import { randomBytes } from 'node:crypto';
import {
  aesDecryptCTR,
  aesDecryptGCM,
  aesEncryptCTR,
  Curve,
  derivePairingCodeKey,
  generateMessageID,
  getBinaryNodeChild,
  hkdf,
  S_WHATSAPP_NET,
} from '@whiskeysockets/baileys';
import type { BinaryNode, KeyPair } from '@whiskeysockets/baileys';
import { QRError } from './pairing.js';
import type { ParsedQR } from './pairing.js';
import type { ServerConnection } from './serverConnection.js';

/** How long the phone waits for a companion's hello after the code was typed. */
const HELLO_WAIT_MS = 1000;

type Hello = { conn: ServerConnection; ref: string; phoneJid: string; wrappedCompanionEphemeral: Buffer };
type Finish = { wrappedBundle: Buffer; companionIdentity: Buffer };

const child = (node: BinaryNode | undefined, tag: string): Buffer | undefined => {
  const c = getBinaryNodeChild(node, tag)?.content;
  return c instanceof Uint8Array ? Buffer.from(c) : typeof c === 'string' ? Buffer.from(c) : undefined;
};

/** What the phone needs to finish a link-code pairing once the companion proved it knows the code. */
export type LinkCodeOutcome = Readonly<{ conn: ServerConnection; companion: ParsedQR }>;

/**
 * Pairing by phone-number code (`sock.requestPairingCode(phone)`), both sides of the exchange:
 *
 * 1. companion_hello iq: the companion's ephemeral key, AES-CTR-wrapped with a key derived from the
 *    8-char code (PBKDF2 via `derivePairingCodeKey`); the server answers with a ref.
 * 2. The user types the code on the phone (`sim.phone.enterPairingCode(code)`): the phone unwraps the
 *    companion key and sends `<notification type="link_code_companion_reg">` (stage primary_hello)
 *    with its identity key and its own wrapped ephemeral key.
 * 3. companion_finish iq: the key bundle (companion identity ‖ phone identity ‖ random), AES-GCM under
 *    HKDF(ECDH(ephemerals)). A wrong code shows up here: the phone cannot open the bundle.
 * 4. Both derive advSecret = HKDF(ECDH(eph) ‖ ECDH(identities) ‖ random, "adv_secret"); pair-success
 *    follows exactly as after a QR scan.
 */
export class PairingCodeFlow {
  readonly #hellos: Hello[] = [];
  readonly #finishWaiters = new Map<number, (f: Finish) => void>();

  /** Answers the `md` iqs of the exchange; returns the reply to send. */
  onIq(conn: ServerConnection, iq: BinaryNode): BinaryNode {
    const reg = getBinaryNodeChild(iq, 'link_code_companion_reg');
    const ok = (content?: BinaryNode[]): BinaryNode => ({
      tag: 'iq',
      attrs: { from: S_WHATSAPP_NET, type: 'result', id: iq.attrs.id ?? '' },
      ...(content ? { content } : {}),
    });
    if (reg?.attrs.stage === 'companion_hello') {
      const ref = randomBytes(16).toString('base64url');
      this.#hellos.push({
        conn,
        ref,
        phoneJid: reg.attrs.jid ?? '',
        wrappedCompanionEphemeral: child(reg, 'link_code_pairing_wrapped_companion_ephemeral_pub') ?? Buffer.alloc(0),
      });
      return ok([
        {
          tag: 'link_code_companion_reg',
          attrs: {},
          content: [{ tag: 'link_code_pairing_ref', attrs: {}, content: Buffer.from(ref) }],
        },
      ]);
    }
    if (reg?.attrs.stage === 'companion_finish') {
      this.#finishWaiters.get(conn.id)?.({
        wrappedBundle: child(reg, 'link_code_pairing_wrapped_key_bundle') ?? Buffer.alloc(0),
        companionIdentity: child(reg, 'companion_identity_public') ?? Buffer.alloc(0),
      });
    }
    return ok();
  }

  /**
   * `requestPairingCode` resolves before the server has read the hello, so a user as fast as a test
   * may type the code first: wait a moment for it, as the phone's "linking…" screen does.
   */
  async #waitForHello(accountPn: string): Promise<Hello> {
    const deadline = Date.now() + HELLO_WAIT_MS;
    for (;;) {
      const hello = [...this.#hellos].reverse().find((h) => !h.conn.isClosed && h.phoneJid.startsWith(`${accountPn}@`));
      if (hello) return hello;
      if (Date.now() > deadline) throw new QRError(`no companion is waiting for a pairing code for +${accountPn}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The phone side of steps 2–4 for the latest companion that asked for `accountPn`. */
  async enterCode(
    code: string,
    accountPn: string,
    phoneIdentity: KeyPair,
    timeoutMs: number,
  ): Promise<LinkCodeOutcome> {
    const hello = await this.#waitForHello(accountPn);
    const w = hello.wrappedCompanionEphemeral;
    const companionEphemeral = aesDecryptCTR(
      w.subarray(48, 80),
      await derivePairingCodeKey(code, w.subarray(0, 32)),
      w.subarray(32, 48),
    );
    const primary = Curve.generateKeyPair();
    const salt = randomBytes(32);
    const iv = randomBytes(16);
    const wrappedPrimary = Buffer.concat([
      salt,
      iv,
      aesEncryptCTR(primary.public, await derivePairingCodeKey(code, salt), iv),
    ]);
    const finished = new Promise<Finish>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new QRError('the companion did not finish the link-code exchange')),
        timeoutMs,
      );
      this.#finishWaiters.set(hello.conn.id, (f) => {
        clearTimeout(timer);
        resolve(f);
      });
    });
    hello.conn.send({
      tag: 'notification',
      attrs: {
        from: S_WHATSAPP_NET,
        type: 'link_code_companion_reg',
        id: generateMessageID(),
        t: String(Math.floor(Date.now() / 1000)),
      },
      content: [
        {
          tag: 'link_code_companion_reg',
          attrs: { stage: 'primary_hello' },
          content: [
            { tag: 'link_code_pairing_ref', attrs: {}, content: Buffer.from(hello.ref) },
            { tag: 'primary_identity_pub', attrs: {}, content: Buffer.from(phoneIdentity.public) },
            { tag: 'link_code_pairing_wrapped_primary_ephemeral_pub', attrs: {}, content: wrappedPrimary },
          ],
        },
      ],
    });
    const finish = await finished.finally(() => this.#finishWaiters.delete(hello.conn.id));
    const shared = Curve.sharedKey(primary.private, companionEphemeral);
    const b = finish.wrappedBundle;
    const bundleKey = hkdf(shared, 32, {
      salt: b.subarray(0, 32),
      info: 'link_code_pairing_key_bundle_encryption_key',
    });
    let bundle: Buffer;
    try {
      bundle = Buffer.from(aesDecryptGCM(b.subarray(44), bundleKey, b.subarray(32, 44), Buffer.alloc(0)));
    } catch {
      // A wrong code gave the two sides different ephemeral keys, so the bundle cannot be opened.
      throw new QRError('link-code key bundle does not decrypt: wrong pairing code');
    }
    const companionIdentity = bundle.subarray(0, 32);
    if (
      !companionIdentity.equals(finish.companionIdentity) ||
      !bundle.subarray(32, 64).equals(Buffer.from(phoneIdentity.public))
    ) {
      throw new QRError('link-code key bundle names other identities');
    }
    const identityShared = Curve.sharedKey(phoneIdentity.private, companionIdentity);
    const advSecretKey = Buffer.from(
      hkdf(Buffer.concat([shared, identityShared, bundle.subarray(64, 96)]), 32, { info: 'adv_secret' }),
    );
    const noisePublic = hello.conn.clientStaticPublic ?? Buffer.alloc(32);
    return {
      conn: hello.conn,
      companion: { ref: hello.ref, noisePublic, identityPublic: companionIdentity, advSecretKey, platformId: '' },
    };
  }
}
