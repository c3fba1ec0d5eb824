import { proto } from '@whiskeysockets/baileys';
import type { KeyPair } from '@whiskeysockets/baileys';
import { Peer } from './peer.js';
import type { SendOptions } from './peer.js';

export type ScanOptions = Readonly<{
  /** 'forged': the account signature is made with a key that is not the phone's (negative tests). */
  signatureMode?: 'valid' | 'forged';
}>;

export type PairingResult = Readonly<{ deviceJid: string; deviceLid: string; deviceId: number }>;

export type PhoneHost = {
  scanQR(qr: string, opts: ScanOptions): Promise<PairingResult>;
  enterPairingCode(code: string): Promise<PairingResult>;
  sendFromPeer(peer: Peer, message: proto.IMessage, opts: SendOptions): Promise<string>;
};

/**
 * The account's primary device (device 0, own PN/LID). It pairs companions by reading their QR and
 * sends them self-only protocol messages (history sync notifications, app-state key shares).
 *
 *   await sim.phone.scanQR(qrFromConnectionUpdate);
 *   await sim.phone.sendProtocolMessageToDevice({ type: HISTORY_SYNC_NOTIFICATION, historySyncNotification });
 */
export class Phone extends Peer {
  constructor(
    private readonly host: PhoneHost,
    pn: string,
    lid: string,
  ) {
    super(pn, lid);
  }

  /** The key that signs companion identities (ADV account signature). */
  get accountIdentity(): KeyPair {
    return this.actor.creds.signedIdentityKey;
  }

  /** Rejects with a QRError for an unknown, expired or mismatched QR; resolves once the companion signed. */
  scanQR(qr: string, opts: ScanOptions = {}): Promise<PairingResult> {
    return this.host.scanQR(qr, opts);
  }

  /**
   * The user types the 8-character code a companion showed after `sock.requestPairingCode(phone)`.
   * Rejects with a QRError if no companion asked, or the code is wrong (the key bundle does not open).
   */
  enterPairingCode(code: string): Promise<PairingResult> {
    return this.host.enterPairingCode(code);
  }

  /**
   * Sends a protocol message to the linked device from our own PN with no recipient: the only shape
   * Baileys accepts for self-only messages (history sync, key shares), Signal-encrypted like all else.
   */
  sendProtocolMessageToDevice(
    protocolMessage: proto.Message.IProtocolMessage | proto.IMessage,
    opts: SendOptions = {},
  ): Promise<string> {
    const message: proto.IMessage =
      'type' in protocolMessage ||
      'historySyncNotification' in protocolMessage ||
      'appStateSyncKeyShare' in protocolMessage
        ? { protocolMessage: protocolMessage }
        : (protocolMessage as proto.IMessage);
    return this.host.sendFromPeer(this, message, { stanzaType: 'text', ...opts });
  }

  /** Any message as if typed on the phone into a chat with `chatJid` (fromMe on the companion). */
  sendAsMe(chatJid: string, message: proto.IMessage, opts: SendOptions = {}): Promise<string> {
    return this.host.sendFromPeer(
      this,
      { deviceSentMessage: { destinationJid: chatJid, message } },
      { ...opts, recipient: chatJid },
    );
  }
}

export { proto };
