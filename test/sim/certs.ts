import { Curve, proto } from '@whiskeysockets/baileys';
import type { KeyPair } from '@whiskeysockets/baileys';
import { verifySignature } from 'libsignal/src/curve.js';

/**
 * How the server's Noise certificate chain is built. Anything but 'valid' is for the app's negative
 * tests: Baileys rc14 itself accepts all of them (its Curve.verify never fails, see SIMULATOR-NOTES §1).
 */
export type CertMode = 'valid' | 'untrustedRoot' | 'leafKeyMismatch' | 'expired';

export type CertAuthority = Readonly<{ root: KeyPair; intermediate: KeyPair }>;

const ROOT_SERIAL = 0; // Baileys insists on issuerSerial === WA_CERT_DETAILS.SERIAL (0)
const INTERMEDIATE_SERIAL = 4242;
const LEAF_SERIAL = 4243;
const DAY_S = 86_400;

export function makeCertAuthority(): CertAuthority {
  return { root: Curve.generateKeyPair(), intermediate: Curve.generateKeyPair() };
}

let shared: CertAuthority | undefined;

/** One authority per process, so every simulator in a test run has the same trust root. */
export function sharedCertAuthority(): CertAuthority {
  shared ??= makeCertAuthority();
  return shared;
}

/** Builds the `proto.CertChain` bytes carried (encrypted) in `serverHello.payload`. */
export function buildCertChain(
  ca: CertAuthority,
  serverStaticPublic: Uint8Array,
  mode: CertMode,
  nowS = Math.floor(Date.now() / 1000),
): Uint8Array {
  const expired = mode === 'expired';
  const notBefore = expired ? nowS - 30 * DAY_S : nowS - DAY_S;
  const notAfter = expired ? nowS - DAY_S : nowS + 30 * DAY_S;
  const signingRoot = mode === 'untrustedRoot' ? Curve.generateKeyPair() : ca.root;
  const intermediateDetails = proto.CertChain.NoiseCertificate.Details.encode({
    serial: INTERMEDIATE_SERIAL,
    issuerSerial: ROOT_SERIAL,
    key: ca.intermediate.public,
    notBefore,
    notAfter,
  }).finish();
  const leafKey = mode === 'leafKeyMismatch' ? Curve.generateKeyPair().public : serverStaticPublic;
  const leafDetails = proto.CertChain.NoiseCertificate.Details.encode({
    serial: LEAF_SERIAL,
    issuerSerial: INTERMEDIATE_SERIAL,
    key: leafKey,
    notBefore,
    notAfter,
  }).finish();
  return proto.CertChain.encode({
    intermediate: { details: intermediateDetails, signature: Curve.sign(signingRoot.private, intermediateDetails) },
    leaf: { details: leafDetails, signature: Curve.sign(ca.intermediate.private, leafDetails) },
  }).finish();
}

/**
 * A *correct* XEdDSA check. Baileys' `Curve.verify` wraps libsignal 6's `verifySignature`, which returns
 * false instead of throwing, and treats "did not throw" as valid; here the boolean is honoured.
 */
export function verifyXEdDSA(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 && publicKey.length !== 33) return false;
  if (signature.length !== 64) return false;
  const key = publicKey.length === 32 ? Buffer.concat([Buffer.from([5]), publicKey]) : Buffer.from(publicKey);
  try {
    return verifySignature(key, Buffer.from(message), Buffer.from(signature)) === true;
  } catch {
    return false;
  }
}

export type CertCheck = { ok: true } | { ok: false; reason: string };

/** What a strict client should check; lets tests (and the app's test hook) prove each mode is caught. */
export function checkCertChain(
  chainBytes: Uint8Array,
  trustRoot: Uint8Array,
  serverStaticPublic: Uint8Array,
  nowS = Math.floor(Date.now() / 1000),
): CertCheck {
  const chain = proto.CertChain.decode(chainBytes);
  const inter = chain.intermediate;
  const leaf = chain.leaf;
  if (!inter?.details || !inter.signature || !leaf?.details || !leaf.signature)
    return { ok: false, reason: 'incomplete' };
  if (!verifyXEdDSA(trustRoot, inter.details, inter.signature)) return { ok: false, reason: 'untrusted-root' };
  const interDetails = proto.CertChain.NoiseCertificate.Details.decode(inter.details);
  const leafDetails = proto.CertChain.NoiseCertificate.Details.decode(leaf.details);
  if (interDetails.issuerSerial !== ROOT_SERIAL) return { ok: false, reason: 'issuer-serial' };
  if (!interDetails.key || !verifyXEdDSA(interDetails.key, leaf.details, leaf.signature)) {
    return { ok: false, reason: 'leaf-signature' };
  }
  if (leafDetails.issuerSerial !== interDetails.serial) return { ok: false, reason: 'leaf-issuer' };
  if (!leafDetails.key || !Buffer.from(leafDetails.key).equals(Buffer.from(serverStaticPublic))) {
    return { ok: false, reason: 'leaf-key-mismatch' };
  }
  for (const d of [interDetails, leafDetails]) {
    if (Number(d.notBefore) > nowS || Number(d.notAfter) < nowS) return { ok: false, reason: 'expired' };
  }
  return { ok: true };
}
