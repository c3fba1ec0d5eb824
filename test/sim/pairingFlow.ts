import { generateMessageID } from '@whiskeysockets/baileys';
import type { BinaryNode, KeyPair } from '@whiskeysockets/baileys';
import { buildPairSuccess, parseQR, QRError, verifyPairDeviceSign } from './pairing.js';
import type { ParsedQR } from './pairing.js';
import type { PairingResult, ScanOptions } from './phone.js';
import type { QrRefs } from './qrRefs.js';
import type { ServerConnection } from './serverConnection.js';
import type { Account, LinkedDevice } from './world.js';
import { lidJid, pnJid } from './world.js';

export type PairingContext = Readonly<{
  account: Account;
  refs: QrRefs;
  phoneIdentity: KeyPair;
  connection: (id: number) => ServerConnection | undefined;
  query: (conn: ServerConnection, node: BinaryNode, timeoutMs: number) => Promise<BinaryNode>;
  nextDeviceId: () => number;
  nextGeneration: () => number;
  bizName?: string;
  replyTimeoutMs: number;
}>;

const REASONS = {
  unknown: 'unknown QR ref',
  expired: 'QR ref expired',
  'not-yet-shown': 'QR ref not shown yet',
} as const;

const uintBE = (bytes: Uint8Array | null | undefined, fallback: number): number =>
  bytes && bytes.length ? Buffer.from(bytes).readUIntBE(0, bytes.length) : fallback;

/**
 * What the phone and the server do when the phone scans a companion's QR: check the ref and keys,
 * send pair-success, verify the companion's device signature, then ask it to restart (515).
 * Resolves with the new device record; rejects with QRError on any mismatch.
 */
export async function pairByQR(
  ctx: PairingContext,
  qr: string,
  opts: ScanOptions,
): Promise<{ result: PairingResult; device: LinkedDevice }> {
  const parsed = parseQR(qr);
  const found = ctx.refs.lookup(parsed.ref);
  if (!found.ok) throw new QRError(`${REASONS[found.reason]} (${parsed.ref.slice(0, 12)}…)`);
  const conn = ctx.connection(found.connId);
  if (!conn || conn.isClosed) throw new QRError('the connection that showed this QR is gone');
  return completePairing(ctx, conn, parsed, opts);
}

/**
 * The part shared by QR and phone-number-code pairing: the companion's keys are known (from the QR,
 * or from the link-code exchange), so send pair-success, verify the device signature, then 515.
 */
export async function completePairing(
  ctx: PairingContext,
  conn: ServerConnection,
  parsed: ParsedQR,
  opts: ScanOptions,
): Promise<{ result: PairingResult; device: LinkedDevice }> {
  const reg = conn.payload?.devicePairingData;
  if (conn.isClosed || !reg) throw new QRError('the connection that showed this QR is gone');
  if (!conn.clientStaticPublic?.equals(parsed.noisePublic))
    throw new QRError('QR noise key does not match the connection');
  if (!reg.eIdent || !Buffer.from(reg.eIdent).equals(parsed.identityPublic)) {
    throw new QRError('QR identity key does not match the registration');
  }
  const deviceId = ctx.nextDeviceId();
  const deviceJid = pnJid(ctx.account.pn, deviceId);
  const deviceLid = lidJid(ctx.account.lid, deviceId);
  const { node, deviceDetails } = buildPairSuccess({
    iqId: generateMessageID(),
    qr: parsed,
    phoneIdentity: ctx.phoneIdentity,
    signatureMode: opts.signatureMode ?? 'valid',
    deviceJid,
    deviceLid,
    keyIndex: 1,
    ...(ctx.bizName ? { bizName: ctx.bizName } : {}),
  });
  const reply = await ctx.query(conn, node, ctx.replyTimeoutMs);
  const check = verifyPairDeviceSign(reply, {
    deviceDetails,
    companionIdentity: parsed.identityPublic,
    phoneIdentityPublic: ctx.phoneIdentity.public,
  });
  if (!check.ok) {
    conn.send({ tag: 'failure', attrs: { reason: '401', location: 'sim' } });
    conn.close();
    throw new QRError(`companion device signature rejected: ${check.reason}`);
  }
  ctx.refs.revokeFor(conn.id);
  const device: LinkedDevice = {
    id: deviceId,
    noisePublic: Buffer.from(parsed.noisePublic),
    identityPublic: Buffer.from(parsed.identityPublic),
    registrationId: uintBE(reg.eRegid, 0),
    signedPreKey: {
      keyId: uintBE(reg.eSkeyId, 1),
      publicKey: Buffer.from(reg.eSkeyVal ?? []),
      ...(reg.eSkeySig ? { signature: Buffer.from(reg.eSkeySig) } : {}),
    },
    preKeys: new Map(),
    generation: ctx.nextGeneration(),
    initialHistorySent: false,
  };
  // The real service makes a freshly paired companion reconnect to log in.
  conn.send({ tag: 'stream:error', attrs: { code: '515' } });
  conn.close();
  return { result: { deviceJid, deviceLid, deviceId }, device };
}
