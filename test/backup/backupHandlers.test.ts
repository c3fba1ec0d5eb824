import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId } from '../../shared/src/index.js';
import { BACKUP_CONFIG_FILE_NAME } from '../../electron/core/backup/sealedBackupConfig.js';
import type { ServiceProfile } from './backupServiceHarness.js';
import { openServiceProfile } from './backupServiceHarness.js';

const SECRET = 'wJalrXUtnFEMI-secret-value-42';
const PASSPHRASE = 'correct horse battery staple';

const connection = {
  bucket: 'my-backups',
  region: 'eu-west-1',
  endpoint: 'http://127.0.0.1:9',
  forcePathStyle: true,
  accessKeyId: 'AKIAEXAMPLE',
  secretAccessKey: SECRET,
};

describe('backup commands: input validation and secrets', () => {
  let profile: ServiceProfile;
  beforeEach(async () => {
    profile = await openServiceProfile(['acc1' as AccountId]);
  });
  afterEach(async () => {
    await profile.close();
  });

  it('refuses malformed settings with INVALID_INPUT naming the field', async () => {
    const badBucket = await profile.send('backup.configure', {
      connection: { ...connection, bucket: 'No_Such!' },
      key: { mode: 'generateKey' },
    });
    expect(badBucket).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(badBucket)).toContain('connection.bucket');

    const extraField = await profile.send('backup.configure', {
      connection: { ...connection, sessionToken: 'x' },
      key: { mode: 'generateKey' },
    });
    expect(extraField).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const shortPassphrase = await profile.send('backup.configure', {
      connection,
      key: { mode: 'passphrase', passphrase: 'short' },
    });
    expect(shortPassphrase).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(shortPassphrase)).not.toContain('short"');

    const window = await profile.send('backup.setWindow', { windowMs: 10 });
    expect(window).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const badEndpoint = await profile.send('backup.testConnection', {
      connection: { ...connection, endpoint: 'file:///etc/passwd' },
    });
    expect(badEndpoint).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('asks for the secret and a key on first setup instead of keeping nothing (CONFLICT: nothing saved)', async () => {
    const noSecret = await profile.send('backup.configure', {
      connection: { ...connection, secretAccessKey: null },
      key: { mode: 'generateKey' },
    });
    expect(noSecret).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Enter the secret access key.' },
    });
    const keep = await profile.send('backup.configure', { connection, key: { mode: 'keep' } });
    expect(keep).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await profile.send('backup.runNow', { accountId: null })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('never sends a secret back: configure, status and the file on disk hold no secret in clear', async () => {
    const saved = await profile.send('backup.configure', {
      connection,
      key: { mode: 'passphrase', passphrase: PASSPHRASE },
    });
    expect(saved).toMatchObject({
      ok: true,
      value: {
        generatedKey: null,
        settings: { accessKeyId: 'AKIAEXAMPLE', hasSecret: true, encryptionMode: 'passphrase' },
      },
    });
    const status = await profile.send('backup.getStatus', {});
    expect(status).toMatchObject({ ok: true, value: { settings: { bucket: 'my-backups', isEnabled: true } } });
    const toggled = await profile.send('backup.setEnabled', { isEnabled: false });
    expect(toggled).toMatchObject({ ok: true, value: { isEnabled: false } });
    for (const answer of [saved, status, toggled]) {
      expect(JSON.stringify(answer)).not.toContain(SECRET);
      expect(JSON.stringify(answer)).not.toContain(PASSPHRASE);
    }
    for (const event of profile.events) expect(JSON.stringify(event)).not.toContain(SECRET);
    const onDisk = fs.readFileSync(path.join(profile.dir, BACKUP_CONFIG_FILE_NAME), 'utf8');
    expect(onDisk).toContain('my-backups');
    expect(onDisk).not.toContain(SECRET);
    expect(onDisk).not.toContain(PASSPHRASE);
  });

  it('shows a generated key exactly once and keeps secrets when the form leaves them empty', async () => {
    const first = await profile.send('backup.configure', { connection, key: { mode: 'generateKey' } });
    if (!first.ok) throw new Error(first.error.message);
    const generated = (first.value as { generatedKey: string }).generatedKey;
    expect(generated).toMatch(/^[A-Za-z0-9+/]{43}=$/);

    const edited = await profile.send('backup.configure', {
      connection: { ...connection, bucket: 'other-bucket', secretAccessKey: null },
      key: { mode: 'keep' },
    });
    expect(edited).toMatchObject({ ok: true, value: { generatedKey: null, settings: { bucket: 'other-bucket' } } });
    expect(JSON.stringify(await profile.send('backup.getStatus', {}))).not.toContain(generated);
    const onDisk = fs.readFileSync(path.join(profile.dir, BACKUP_CONFIG_FILE_NAME), 'utf8');
    expect(onDisk).not.toContain(generated);
    expect(onDisk).not.toContain(SECRET);
  });

  it('publishes a status per account once configured, with the enabled flag', async () => {
    await profile.send('backup.configure', { connection, key: { mode: 'generateKey' } });
    await profile.send('backup.setEnabled', { isEnabled: false });
    const status = await profile.send('backup.getStatus', {});
    expect(status).toMatchObject({
      ok: true,
      value: { accounts: [{ accountId: 'acc1', status: { isEnabled: false, isRunning: false, lastError: null } }] },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(profile.events.some((e) => e.type === 'backup.statusChanged' && e.accountId === 'acc1')).toBe(true);
  });
});
