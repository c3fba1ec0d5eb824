import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyDecryptError, KeyFileError } from './errors.js';
import { FileKeyProvider, KEY_FILE_NAME } from './keyProvider.js';
import type { TempProfile } from './storeFixtures.js';
import { makeTempProfile, openTestStore } from './storeFixtures.js';

const isPosix = process.platform !== 'win32';

describe('FileKeyProvider', () => {
  let profile: TempProfile;
  beforeEach(() => {
    profile = makeTempProfile();
  });
  afterEach(() => profile.cleanup());

  it.runIf(isPosix)('creates a 32-byte key file with mode 0600 and reuses it', async () => {
    const provider = new FileKeyProvider(profile.dir);
    const first = await provider.getKey();
    const stat = fs.statSync(path.join(profile.dir, KEY_FILE_NAME));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(first).toHaveLength(32);
    expect(Buffer.from(await new FileKeyProvider(profile.dir).getKey()).equals(Buffer.from(first))).toBe(true);
  });

  it.runIf(isPosix)('refuses a key file readable by others', async () => {
    const file = path.join(profile.dir, KEY_FILE_NAME);
    fs.writeFileSync(file, Buffer.alloc(32, 1), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    await expect(new FileKeyProvider(profile.dir).getKey()).rejects.toThrow(KeyFileError);
  });

  it('refuses a key file of the wrong size', async () => {
    const file = path.join(profile.dir, KEY_FILE_NAME);
    fs.writeFileSync(file, Buffer.alloc(16, 1), { mode: 0o600 });
    await expect(new FileKeyProvider(profile.dir).getKey()).rejects.toThrow(KeyFileError);
  });

  it('describes where the key lives without revealing it', () => {
    expect(new FileKeyProvider(profile.dir).describe()).toContain(KEY_FILE_NAME);
  });

  it('opens the store with its own key and rejects a replaced key file', async () => {
    const store = await openTestStore(profile.accountDir, new FileKeyProvider(profile.dir));
    store.writeCreds(new Uint8Array([1, 2, 3]));
    store.close();
    const file = path.join(profile.dir, KEY_FILE_NAME);
    fs.rmSync(file);
    fs.writeFileSync(file, Buffer.alloc(32, 0xab), { mode: 0o600, flag: 'wx' });
    await expect(openTestStore(profile.accountDir, new FileKeyProvider(profile.dir))).rejects.toThrow(KeyDecryptError);
  });
});
