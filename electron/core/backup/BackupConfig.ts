import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DATA_KEY_BYTES } from './backupCrypto.js';

const KEY_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

export const BackupCredentialsSchema = z.object({
  accessKeyId: z.string().min(1).max(256),
  secretAccessKey: z.string().min(1).max(512),
  sessionToken: z.string().min(1).max(4096).optional(),
});

export const BackupEncryptionSchema = z.discriminatedUnion('mode', [
  /** Derived with scrypt and the salt stored in the manifest: another device only needs the phrase. */
  z.object({ mode: z.literal('passphrase'), passphrase: z.string().min(8).max(1024) }),
  /** A random 32-byte key (base64); the user must keep a copy to restore elsewhere. */
  z.object({ mode: z.literal('key'), key: z.string().regex(KEY_BASE64, 'a base64 32-byte key') }),
]);

export const BackupConfigSchema = z.object({
  bucket: z.string().min(3).max(63),
  region: z.string().min(1).max(64).default('us-east-1'),
  /** Any S3-compatible endpoint (MinIO, R2, B2, moto…); omitted for AWS. */
  endpoint: z.url().optional(),
  /** Most non-AWS endpoints need path-style addressing (`host/bucket/key`). */
  forcePathStyle: z.boolean().default(false),
  /** Objects live under `<prefix><accountId>/`. */
  prefix: z
    .string()
    .max(256)
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'folders ending in "/"')
    .default('wa-inbox/'),
  credentials: BackupCredentialsSchema,
  encryption: BackupEncryptionSchema,
  includeMediaFiles: z.boolean().default(false),
  /** Off: no automatic runs ("Back up now" and restore still work). */
  isEnabled: z.boolean().default(true),
  /** At most one backup per window. */
  windowMs: z
    .number()
    .int()
    .min(1_000)
    .max(24 * 60 * 60 * 1000)
    .default(5 * 60 * 1000),
  /** Segments are folded into a snapshot beyond either threshold. */
  compactAfterSegments: z.number().int().min(2).max(10_000).default(64),
  compactAfterBytes: z
    .number()
    .int()
    .min(1)
    .default(64 * 1024 * 1024),
  requestTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
});

export type BackupConfigInput = z.input<typeof BackupConfigSchema>;
export type BackupConfig = Readonly<z.output<typeof BackupConfigSchema>>;
export type BackupEncryption = z.output<typeof BackupEncryptionSchema>;

export function parseBackupConfig(input: unknown): BackupConfig {
  return BackupConfigSchema.parse(input);
}

/** For "generate a key" in settings: shown once to the user, then stored sealed. */
export function generateBackupKey(): string {
  return randomBytes(DATA_KEY_BYTES).toString('base64');
}
