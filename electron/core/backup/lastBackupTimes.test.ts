import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LAST_BACKUP_FILE_NAME, LastBackupTimes } from './lastBackupTimes.js';

describe('LastBackupTimes', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-last-backup-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('remembers the last success per account across a reload', async () => {
    const times = await LastBackupTimes.load(dir);
    expect(times.get('a')).toBeNull();
    await times.set('a', 1_000);
    await Promise.all([times.set('b', 2_000), times.set('a', 3_000)]);
    const reloaded = await LastBackupTimes.load(dir);
    expect([reloaded.get('a'), reloaded.get('b')]).toEqual([3_000, 2_000]);
  });

  it('starts empty from a damaged file instead of failing, and rewrites it', async () => {
    fs.writeFileSync(path.join(dir, LAST_BACKUP_FILE_NAME), '{"version": 1, "lastSuc');
    const times = await LastBackupTimes.load(dir);
    expect(times.get('a')).toBeNull();
    await times.set('a', 5);
    expect((await LastBackupTimes.load(dir)).get('a')).toBe(5);
  });
});
