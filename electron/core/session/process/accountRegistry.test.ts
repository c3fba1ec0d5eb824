import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId } from '../../../../shared/src/index.js';
import { newAccountId, readRegistry, RegistryCorruptError, REGISTRY_FILE, writeRegistry } from './accountRegistry.js';

describe('account registry (accounts.json)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wa-inbox-registry-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads no accounts before the first write', async () => {
    await expect(readRegistry(dir)).resolves.toEqual([]);
  });

  it('round-trips entries and leaves no temp file behind', async () => {
    const entries = [
      { id: newAccountId(), label: 'Work', createdAt: 1 },
      { id: 'acct-2' as AccountId, label: 'Home', createdAt: 2 },
    ];
    await writeRegistry(dir, entries);
    await writeRegistry(dir, entries.slice(1));
    await expect(readRegistry(dir)).resolves.toEqual(entries.slice(1));
    expect(readdirSync(dir)).toEqual([REGISTRY_FILE]);
  });

  it.each([
    ['truncated JSON', '{"version":1,"accounts":['],
    ['a wrong shape', '{"version":1,"accounts":[{"id":"../etc","label":"x","createdAt":1}]}'],
    ['an unknown version', '{"version":2,"accounts":[]}'],
  ])('raises RegistryCorruptError for %s instead of reporting no accounts', async (_name, text) => {
    writeFileSync(path.join(dir, REGISTRY_FILE), text);
    await expect(readRegistry(dir)).rejects.toBeInstanceOf(RegistryCorruptError);
  });
});
