import {
  Curve,
  getBinaryNodeChild,
  hmacSign,
  proto,
  WA_ADV_ACCOUNT_SIG_PREFIX,
  WA_ADV_DEVICE_SIG_PREFIX,
} from '@whiskeysockets/baileys';
import type { BinaryNode, KeyPair } from '@whiskeysockets/baileys';
import { verifyXEdDSA } from './certs.js';

const QR_PREFIX = 'https://wa.me/settings/linked_devices#';

export type ParsedQR = Readonly<{
  ref: string;
  noisePublic: Buffer;
  identityPublic: Buffer;
  advSecretKey: Buffer;
  platformId: string;
}>;

export class QRError extends Error {}

/** The QR Baileys shows: `<prefix>ref,b64(noise pub),b64(identity pub),advSecret(b64),platformId`. */
export function parseQR(qr: string): ParsedQR {
  const body = qr.startsWith(QR_PREFIX) ? qr.slice(QR_PREFIX.length) : qr;
  const parts = body.split(',');
  if (parts.length < 4) throw new QRError('QR string is not a WhatsApp linked-device QR');
  const [ref, noise, identity, adv, platformId] = parts as [string, string, string, string, string | undefined];
  const noisePublic = Buffer.from(noise, 'base64');
  const identityPublic = Buffer.from(identity, 'base64');
  const advSecretKey = Buffer.from(adv, 'base64');
  if (noisePublic.length !== 32 || identityPublic.length !== 32 || advSecretKey.length !== 32) {
    throw new QRError('QR string carries malformed keys');
  }
  return { ref, noisePublic, identityPublic, advSecretKey, platformId: platformId ?? '' };
}

export type PairSuccessInput = Readonly<{
  iqId: string;
  qr: ParsedQR;
  phoneIdentity: KeyPair;
  /** 'forged' signs the account signature with a key that is not the phone's (negative tests). */
  signatureMode: 'valid' | 'forged';
  deviceJid: string;
  deviceLid: string;
  keyIndex: number;
  bizName?: string;
  platform?: string;
}>;

export type PairSuccess = Readonly<{ node: BinaryNode; deviceDetails: Uint8Array }>;

/**
 * The phone's answer to a scanned QR. The HMAC over the signed identity uses the advSecretKey that
 * only the QR carries, which is why the phone must really read it.
 */
export function buildPairSuccess(input: PairSuccessInput): PairSuccess {
  const deviceDetails = proto.ADVDeviceIdentity.encode({
    rawId: Math.floor(Math.random() * 2 ** 31),
    timestamp: Math.floor(Date.now() / 1000),
    keyIndex: input.keyIndex,
  }).finish();
  const signingKey = input.signatureMode === 'forged' ? Curve.generateKeyPair() : input.phoneIdentity;
  const accountSignature = Curve.sign(
    signingKey.private,
    Buffer.concat([WA_ADV_ACCOUNT_SIG_PREFIX, deviceDetails, input.qr.identityPublic]),
  );
  const details = proto.ADVSignedDeviceIdentity.encode({
    details: deviceDetails,
    accountSignatureKey: input.phoneIdentity.public,
    accountSignature,
  }).finish();
  const hmac = hmacSign(details, input.qr.advSecretKey);
  const identity = proto.ADVSignedDeviceIdentityHMAC.encode({ details, hmac }).finish();
  const node: BinaryNode = {
    tag: 'iq',
    attrs: { from: '@s.whatsapp.net', type: 'set', id: input.iqId, xmlns: 'md' },
    content: [
      {
        tag: 'pair-success',
        attrs: {},
        content: [
          { tag: 'device-identity', attrs: { 'key-index': String(input.keyIndex) }, content: identity },
          { tag: 'platform', attrs: { name: input.platform ?? 'android' } },
          { tag: 'device', attrs: { jid: input.deviceJid, lid: input.deviceLid } },
          ...(input.bizName ? [{ tag: 'biz', attrs: { name: input.bizName } }] : []),
        ],
      },
    ],
  };
  return { node, deviceDetails };
}

export type DeviceSignCheck = { ok: true; signedIdentity: Uint8Array } | { ok: false; reason: string };

/**
 * Checks the companion's `pair-device-sign` like the real server: the device signature must be the
 * companion identity's XEdDSA over [6,1] ‖ details ‖ companion identity ‖ account signature key,
 * verified with a check that really returns false (Baileys' Curve.verify does not).
 */
export function verifyPairDeviceSign(
  reply: BinaryNode,
  expected: Readonly<{ deviceDetails: Uint8Array; companionIdentity: Uint8Array; phoneIdentityPublic: Uint8Array }>,
): DeviceSignCheck {
  const sign = getBinaryNodeChild(reply, 'pair-device-sign');
  const identityNode = getBinaryNodeChild(sign, 'device-identity');
  if (!(identityNode?.content instanceof Uint8Array)) return { ok: false, reason: 'missing device-identity' };
  const signed = proto.ADVSignedDeviceIdentity.decode(identityNode.content);
  if (!signed.details || !Buffer.from(signed.details).equals(Buffer.from(expected.deviceDetails))) {
    return { ok: false, reason: 'device details changed' };
  }
  if (!signed.deviceSignature) return { ok: false, reason: 'missing device signature' };
  const msg = Buffer.concat([
    WA_ADV_DEVICE_SIG_PREFIX,
    signed.details,
    expected.companionIdentity,
    expected.phoneIdentityPublic,
  ]);
  if (!verifyXEdDSA(expected.companionIdentity, msg, signed.deviceSignature)) {
    return { ok: false, reason: 'bad device signature' };
  }
  return { ok: true, signedIdentity: identityNode.content };
}
