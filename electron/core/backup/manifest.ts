import { z } from 'zod';
import { canonicalJson } from '../store/mergeRecord.js';
import type { ScryptParams } from './backupCrypto.js';
import { openObject, sealObject } from './backupCrypto.js';

/*
 * The manifest is the one mutable object of a backup. Everything else is written once under a
 * unique name and only becomes part of the backup when a manifest generation lists it, so a
 * crash between upload and manifest write leaves an unreferenced object, never a broken backup.
 */

const CursorSchema = z.object({
  seq: z.number().int().min(0),
  lidHlc: z.string(),
  journalMs: z.number().int().min(0),
  journalIdsAtMs: z.array(z.string()),
});

const ObjectRefSchema = z.object({
  name: z.string().min(1),
  /** The manifest generation bound into the object's AAD when it was sealed. */
  generation: z.number().int().min(0),
  bytes: z.number().int().min(0),
  records: z.number().int().min(0),
});

const SegmentRefSchema = ObjectRefSchema.extend({
  device: z.string(),
  fromSeq: z.number().int().min(0),
  toSeq: z.number().int().min(0),
  hlcMax: z.string(),
  createdAt: z.number().int(),
});

const SnapshotSchema = z.object({
  id: z.string(),
  parts: z.array(ObjectRefSchema),
  records: z.number().int().min(0),
  bytes: z.number().int().min(0),
  hlcMax: z.string(),
  createdAt: z.number().int(),
});

const DeviceSchema = z.object({ cursor: CursorSchema, hlcMax: z.string(), lastBackupAt: z.number().int() });

export const ManifestBodySchema = z.object({
  accountId: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  snapshot: SnapshotSchema.nullable(),
  segments: z.array(SegmentRefSchema),
  devices: z.record(z.string(), DeviceSchema),
});

export type ObjectRef = z.infer<typeof ObjectRefSchema>;
export type SegmentRef = z.infer<typeof SegmentRefSchema>;
export type SnapshotRef = z.infer<typeof SnapshotSchema>;
export type DeviceState = z.infer<typeof DeviceSchema>;
export type ManifestBody = z.infer<typeof ManifestBodySchema>;

/** A decoded manifest: the authenticated body plus the header fields that travel in the clear. */
export type Manifest = Readonly<{ generation: number; kdf: ScryptParams | null; body: ManifestBody }>;

const ScryptSchema = z.object({
  algorithm: z.literal('scrypt'),
  salt: z.string(),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
});

/** Readable without the key: which KDF to run, and which generation this is. */
const EnvelopeSchema = z.object({
  format: z.literal('wa-inbox-backup-manifest'),
  version: z.literal(1),
  generation: z.number().int().min(0),
  kdf: ScryptSchema.nullable(),
  sealed: z.string(),
});

export class ManifestFormatError extends Error {
  override name = 'ManifestFormatError';
}

function manifestAad(generation: number, kdf: ScryptParams | null): string {
  return `manifest\n${generation}\n${canonicalJson(kdf)}`;
}

export function emptyManifest(accountId: string, kdf: ScryptParams | null, now: number): Manifest {
  return {
    generation: 0,
    kdf,
    body: { accountId, createdAt: now, updatedAt: now, snapshot: null, segments: [], devices: {} },
  };
}

export function encodeManifest(manifest: Manifest, key: Uint8Array): Buffer {
  const plain = Buffer.from(JSON.stringify(manifest.body), 'utf8');
  const sealed = sealObject(key, plain, manifestAad(manifest.generation, manifest.kdf));
  return Buffer.from(
    JSON.stringify({
      format: 'wa-inbox-backup-manifest',
      version: 1,
      generation: manifest.generation,
      kdf: manifest.kdf,
      sealed: sealed.toString('base64'),
    }),
  );
}

/** Step one of decoding: the header, so the caller can derive the key from its KDF params. */
export function readManifestEnvelope(bytes: Uint8Array): z.infer<typeof EnvelopeSchema> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new ManifestFormatError('backup manifest is not JSON', { cause: err });
  }
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success) throw new ManifestFormatError('backup manifest has an unknown format');
  return parsed.data;
}

/** Authenticates (GCM, header bound as AAD) and validates the body. */
export function decodeManifest(bytes: Uint8Array, key: Uint8Array): Manifest {
  const envelope = readManifestEnvelope(bytes);
  const plain = openObject(key, Buffer.from(envelope.sealed, 'base64'), manifestAad(envelope.generation, envelope.kdf));
  const body = ManifestBodySchema.safeParse(JSON.parse(plain.toString('utf8')));
  if (!body.success) throw new ManifestFormatError('backup manifest body has the wrong shape');
  return { generation: envelope.generation, kdf: envelope.kdf, body: body.data };
}

/** Total bytes and count of the incremental segments (the compaction trigger). */
export function segmentTotals(body: ManifestBody): { count: number; bytes: number } {
  return { count: body.segments.length, bytes: body.segments.reduce((sum, s) => sum + s.bytes, 0) };
}
