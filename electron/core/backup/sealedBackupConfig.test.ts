import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyDecryptError } from '../store/errors.js';
import { staticKeyProvider } from '../store/keyProvider.js';
import { generateBackupKey, parseBackupConfig } from './BackupConfig.js';
import {
  BACKUP_CONFIG_FILE_NAME,
  loadBackupConfig,
  openBackupConfig,
  saveBackupConfig,
  sealBackupConfig,
} from './sealedBackupConfig.js';

const config = parseBackupConfig({
  bucket: 'my-bucket',
  endpoint: 'https://s3.example.test',
  forcePathStyle: true,
  credentials: { accessKeyId: 'AKIAEXAMPLEKEY', secretAccessKey: 'very-secret-value' },
  encryption: { mode: 'key', key: generateBackupKey() },
});

describe('sealed backup config', () => {
  it('round-trips and never writes the secret, the key or the key id in the clear', async () => {
    const keys = staticKeyProvider(new Uint8Array(32).fill(3));
    const sealed = await sealBackupConfig(config, keys);
    expect(sealed).not.toContain('very-secret-value');
    expect(sealed).not.toContain('AKIAEXAMPLEKEY');
    expect(config.encryption.mode === 'key' && sealed.includes(config.encryption.key)).toBe(false);
    expect(sealed).toContain('my-bucket');
    expect(await openBackupConfig(sealed, keys)).toEqual(config);
  });

  it('fails loudly under another store key instead of reading as "not configured"', async () => {
    const sealed = await sealBackupConfig(config, staticKeyProvider(new Uint8Array(32).fill(3)));
    await expect(openBackupConfig(sealed, staticKeyProvider(new Uint8Array(32).fill(4)))).rejects.toBeInstanceOf(
      KeyDecryptError,
    );
  });

  it('saves atomically with owner-only permissions', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-backup-cfg-'));
    try {
      const keys = staticKeyProvider(new Uint8Array(32).fill(3));
      expect(await loadBackupConfig(dir, keys)).toBeUndefined();
      await saveBackupConfig(dir, config, keys);
      expect(await loadBackupConfig(dir, keys)).toEqual(config);
      if (process.platform !== 'win32')
        expect(fs.statSync(path.join(dir, BACKUP_CONFIG_FILE_NAME)).mode & 0o077).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects invalid settings at the boundary', () => {
    expect(() => parseBackupConfig({ ...config, bucket: 'x' })).toThrow();
    expect(() => parseBackupConfig({ ...config, encryption: { mode: 'key', key: 'short' } })).toThrow();
    expect(() => parseBackupConfig({ ...config, encryption: { mode: 'passphrase', passphrase: 'abc' } })).toThrow();
  });
});
