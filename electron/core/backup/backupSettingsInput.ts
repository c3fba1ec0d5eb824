import type {
  BackupConnectionInput,
  BackupKeyChoice,
  BackupSettingsView,
  BackupStatus as BackupStatusView,
} from '../../../shared/src/index.js';
import { BridgeError } from '../bridge/BridgeError.js';
import type { BackupConfig, BackupEncryption } from './BackupConfig.js';
import { generateBackupKey, parseBackupConfig } from './BackupConfig.js';
import type { BackupStatus } from './BackupScheduler.js';

/*
 * Pure mapping between what the settings screen sends and the sealed BackupConfig. The form never
 * receives a secret, so "leave the secret field empty" and "keep the key" mean: keep what is saved.
 */

/**
 * A draft connection + the key choice → a full config; secrets come from `saved` when not
 * re-entered. "Keep" with nothing saved is refused as CONFLICT: the input is well-formed, the
 * state does not allow it (INVALID_INPUT is the schema's verdict alone).
 */
export function configFromInput(
  connection: BackupConnectionInput,
  key: BackupKeyChoice,
  saved: BackupConfig | undefined,
): { config: BackupConfig; generatedKey: string | null } {
  const secretAccessKey = connection.secretAccessKey ?? saved?.credentials.secretAccessKey;
  if (secretAccessKey === undefined) throw new BridgeError('CONFLICT', 'Enter the secret access key.');
  let encryption: BackupEncryption;
  let generatedKey: string | null = null;
  switch (key.mode) {
    case 'keep':
      if (saved === undefined) throw new BridgeError('CONFLICT', 'Choose a passphrase or generate a key.');
      encryption = saved.encryption;
      break;
    case 'generateKey':
      generatedKey = generateBackupKey();
      encryption = { mode: 'key', key: generatedKey };
      break;
    case 'passphrase':
      encryption = { mode: 'passphrase', passphrase: key.passphrase };
      break;
    case 'key':
      encryption = { mode: 'key', key: key.key };
      break;
  }
  const config = parseBackupConfig({
    ...(saved === undefined ? {} : { windowMs: saved.windowMs, isEnabled: saved.isEnabled, prefix: saved.prefix }),
    bucket: connection.bucket,
    region: connection.region,
    ...(connection.endpoint === null ? {} : { endpoint: connection.endpoint }),
    forcePathStyle: connection.forcePathStyle,
    credentials: { accessKeyId: connection.accessKeyId, secretAccessKey },
    encryption,
  });
  return { config, generatedKey };
}

/** A config to probe the bucket with: the encryption is irrelevant to "Test connection". */
export function probeConfigFromInput(connection: BackupConnectionInput, saved: BackupConfig | undefined): BackupConfig {
  const key: BackupKeyChoice = saved === undefined ? { mode: 'generateKey' } : { mode: 'keep' };
  return { ...configFromInput(connection, key, saved).config, requestTimeoutMs: 5_000 };
}

/** What the renderer may see of a config: no secret, no key, no passphrase. */
export function settingsViewOf(config: BackupConfig): BackupSettingsView {
  return {
    bucket: config.bucket,
    region: config.region,
    endpoint: config.endpoint ?? null,
    forcePathStyle: config.forcePathStyle,
    accessKeyId: config.credentials.accessKeyId,
    hasSecret: true,
    encryptionMode: config.encryption.mode,
    isEnabled: config.isEnabled,
    windowMs: config.windowMs,
  };
}

export function statusViewOf(status: BackupStatus, isEnabled: boolean): BackupStatusView {
  return {
    isEnabled,
    state: status.state,
    isRunning: status.state === 'running' || status.state === 'retrying',
    lastSuccessAt: status.lastSuccessAt,
    lastAttemptAt: status.lastAttemptAt,
    nextRunAt: status.nextRunAt,
    pendingChanges: status.pendingChanges,
    lastError: status.lastError,
  };
}
