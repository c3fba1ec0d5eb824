import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RowCipher } from '../store/cipher.js';
import type { KeyProvider } from '../store/keyProvider.js';
import type { BackupConfig } from './BackupConfig.js';
import { BackupConfigSchema, BackupCredentialsSchema, BackupEncryptionSchema } from './BackupConfig.js';

/*
 * The S3 secret and the backup key are key material: at rest they are sealed like the Signal
 * creds (AES-256-GCM under the store's KeyProvider key, via the store's RowCipher envelope).
 * The rest (bucket, endpoint…) stays readable so support can see what is configured.
 */

export const BACKUP_CONFIG_FILE_NAME = 'backup.json';
const SECRETS_AAD = 'backup-config:secrets';

const SecretsSchema = z.object({ credentials: BackupCredentialsSchema, encryption: BackupEncryptionSchema });

const SealedFileSchema = z.object({
  version: z.literal(1),
  settings: z.record(z.string(), z.unknown()),
  secrets: z.string(),
});

export async function sealBackupConfig(config: BackupConfig, keyProvider: KeyProvider): Promise<string> {
  const { credentials, encryption, ...settings } = config;
  const cipher = new RowCipher(await keyProvider.getKey());
  const secrets = cipher.seal(Buffer.from(JSON.stringify({ credentials, encryption }), 'utf8'), SECRETS_AAD);
  return JSON.stringify({ version: 1, settings, secrets: secrets.toString('base64') });
}

/** A wrong key raises the store's KeyDecryptError; it is never read as "not configured". */
export async function openBackupConfig(sealed: string, keyProvider: KeyProvider): Promise<BackupConfig> {
  const file = SealedFileSchema.parse(JSON.parse(sealed));
  const cipher = new RowCipher(await keyProvider.getKey());
  const secrets = SecretsSchema.parse(
    JSON.parse(Buffer.from(cipher.open(Buffer.from(file.secrets, 'base64'), SECRETS_AAD)).toString('utf8')),
  );
  return BackupConfigSchema.parse({ ...file.settings, ...secrets });
}

/** Atomic (write to a temp file, fsync, rename) so a crash never leaves half a config. */
export async function saveBackupConfig(
  profileDir: string,
  config: BackupConfig,
  keyProvider: KeyProvider,
): Promise<void> {
  const file = path.join(profileDir, BACKUP_CONFIG_FILE_NAME);
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(temp, 'w', 0o600);
  try {
    await handle.writeFile(await sealBackupConfig(config, keyProvider));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, file);
}

/** `undefined` only when no file exists; a damaged file throws. */
export async function loadBackupConfig(
  profileDir: string,
  keyProvider: KeyProvider,
): Promise<BackupConfig | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(profileDir, BACKUP_CONFIG_FILE_NAME), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return openBackupConfig(text, keyProvider);
}
