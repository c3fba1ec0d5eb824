import { z } from 'zod';
import { AccountIdSchema } from '../domain/ids.js';

/*
 * The S3 backup as the renderer sees it. Secrets go one way only: the renderer may send an S3
 * secret, a passphrase or a key, but nothing it receives ever carries one back (the settings
 * screen shows "configured" and the access key id). The one exception is a key generated on the
 * user's request, answered once by `backup.configure` so the user can write it down.
 */

/** Why an S3 call or a restore failed, as the backend classifies it (see classifyS3Error). */
export const BackupErrorCodeSchema = z.enum([
  'badCredentials',
  'noSuchBucket',
  'accessDenied',
  'endpointUnreachable',
  'timeout',
  'connectionDropped',
  'throttled',
  'serverError',
  'preconditionFailed',
  'wrongKey',
  'corruptBackup',
  'unknown',
]);
export type BackupErrorCode = z.infer<typeof BackupErrorCodeSchema>;

export const BackupFailureSchema = z.object({ code: BackupErrorCodeSchema, message: z.string().max(2000) });

const BACKUP_KEY_BASE64 = /^[A-Za-z0-9+/]{43}=$/;
export const BACKUP_WINDOW_MIN_MS = 1_000;
export const BACKUP_WINDOW_MAX_MS = 24 * 60 * 60 * 1000;

/** Where the bucket is and who we are to it. A null secret means "keep the stored one". */
export const BackupConnectionInputSchema = z.strictObject({
  bucket: z
    .string()
    .min(3)
    .max(63)
    .regex(/^[a-z0-9][a-z0-9.-]+[a-z0-9]$/, 'lower-case letters, digits, dots and hyphens'),
  region: z.string().min(1).max(64),
  endpoint: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullable(),
  forcePathStyle: z.boolean(),
  accessKeyId: z.string().min(1).max(256),
  secretAccessKey: z.string().min(1).max(512).nullable(),
});
export type BackupConnectionInput = z.infer<typeof BackupConnectionInputSchema>;

/** How backups are sealed: a passphrase, a key the user already has, a new key, or unchanged. */
export const BackupKeyChoiceSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('passphrase'), passphrase: z.string().min(8).max(1024) }),
  z.strictObject({ mode: z.literal('key'), key: z.string().regex(BACKUP_KEY_BASE64, 'a base64 32-byte key') }),
  z.strictObject({ mode: z.literal('generateKey') }),
  z.strictObject({ mode: z.literal('keep') }),
]);
export type BackupKeyChoice = z.infer<typeof BackupKeyChoiceSchema>;

/** The key to open a backup with when restoring; `configured` uses the saved one. */
export const RestoreKeySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('configured') }),
  z.strictObject({ mode: z.literal('passphrase'), passphrase: z.string().min(8).max(1024) }),
  z.strictObject({ mode: z.literal('key'), key: z.string().regex(BACKUP_KEY_BASE64, 'a base64 32-byte key') }),
]);

/** What is saved, minus every secret. */
export const BackupSettingsViewSchema = z.object({
  bucket: z.string(),
  region: z.string(),
  endpoint: z.string().nullable(),
  forcePathStyle: z.boolean(),
  accessKeyId: z.string(),
  hasSecret: z.literal(true),
  encryptionMode: z.enum(['passphrase', 'key']),
  isEnabled: z.boolean(),
  windowMs: z.number().int(),
});
export type BackupSettingsView = z.infer<typeof BackupSettingsViewSchema>;

export const BackupStateSchema = z.enum(['idle', 'scheduled', 'running', 'retrying', 'failed', 'stopped']);

export const BackupStatusSchema = z.object({
  isEnabled: z.boolean(),
  state: BackupStateSchema,
  isRunning: z.boolean(),
  lastSuccessAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  nextRunAt: z.number().nullable(),
  pendingChanges: z.number().int().nonnegative(),
  lastError: BackupFailureSchema.extend({ at: z.number() }).nullable(),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

export const BackupOverviewSchema = z.object({
  settings: BackupSettingsViewSchema.nullable(),
  accounts: z.array(z.object({ accountId: AccountIdSchema, status: BackupStatusSchema })),
});
export type BackupOverview = z.infer<typeof BackupOverviewSchema>;

export const BackupListingSchema = z.object({
  accountId: AccountIdSchema,
  /** The local account's label when this backup belongs to an account on this computer. */
  localLabel: z.string().nullable(),
  lastModified: z.number(),
  generation: z.number().int(),
  sizeBytes: z.number().int().nonnegative(),
  objectCount: z.number().int().nonnegative(),
  isPassphraseProtected: z.boolean(),
});
export type BackupListing = z.infer<typeof BackupListingSchema>;

const queued = z.object({ queued: z.literal(true) });

export const backupCommands = {
  'backup.getStatus': { input: z.strictObject({}), output: BackupOverviewSchema },
  'backup.configure': {
    input: z.strictObject({ connection: BackupConnectionInputSchema, key: BackupKeyChoiceSchema }),
    /** `generatedKey` is set only for `generateKey`: shown once, never sent again. */
    output: z.object({ settings: BackupSettingsViewSchema, generatedKey: z.string().nullable() }),
  },
  'backup.testConnection': {
    /** null tests the saved settings; a draft tests the form before it is saved. */
    input: z.strictObject({ connection: BackupConnectionInputSchema.nullable() }),
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true) }),
      z.object({ ok: z.literal(false), error: BackupFailureSchema }),
    ]),
  },
  'backup.runNow': { input: z.strictObject({ accountId: AccountIdSchema.nullable() }), output: queued },
  'backup.setEnabled': { input: z.strictObject({ isEnabled: z.boolean() }), output: BackupSettingsViewSchema },
  'backup.setWindow': {
    input: z.strictObject({ windowMs: z.number().int().min(BACKUP_WINDOW_MIN_MS).max(BACKUP_WINDOW_MAX_MS) }),
    output: BackupSettingsViewSchema,
  },
  'backup.list': { input: z.strictObject({}), output: z.object({ backups: z.array(BackupListingSchema) }) },
  'backup.restore': {
    input: z.strictObject({ accountId: AccountIdSchema, key: RestoreKeySchema }),
    output: z.object({
      accountId: AccountIdSchema,
      /** True when the backup became a new (unpaired) account on this computer. */
      isNewAccount: z.boolean(),
      records: z.number().int().nonnegative(),
    }),
  },
} as const;
