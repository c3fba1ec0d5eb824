import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NativeBindingError, resolveSqliteNativeBinding, type RuntimeFacts } from './nativeBinding.js';

let root: string;
const electron = (overrides: Partial<RuntimeFacts> = {}): RuntimeFacts => ({
  electronVersion: '39.8.10',
  resourcesPath: undefined,
  platform: 'linux',
  arch: 'x64',
  ...overrides,
});

async function writeBuild(base: string, manifest: Record<string, unknown>, withBinary = true): Promise<string> {
  const dir = path.join(base, '.native', 'electron-39.8.10');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  if (withBinary) await writeFile(path.join(dir, 'better_sqlite3.node'), 'binary');
  return path.join(dir, 'better_sqlite3.node');
}

const MANIFEST = {
  electronVersion: '39.8.10',
  platform: 'linux',
  arch: 'x64',
  betterSqlite3Version: '12.11.1',
  binding: 'better_sqlite3.node',
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'native-binding-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolveSqliteNativeBinding', () => {
  it('returns undefined under plain Node so better-sqlite3 uses its own build', () => {
    expect(resolveSqliteNativeBinding(root, electron({ electronVersion: undefined }))).toBeUndefined();
    expect(resolveSqliteNativeBinding(root)).toBeUndefined(); // this test runs under Node
  });

  it('returns the Electron build listed in the manifest', async () => {
    const binding = await writeBuild(root, MANIFEST);
    expect(resolveSqliteNativeBinding(root, electron())).toBe(binding);
  });

  it('finds the build in the resources dir of a packaged app', async () => {
    const resources = path.join(root, 'resources');
    const binding = await writeBuild(resources, MANIFEST);
    expect(resolveSqliteNativeBinding(path.join(root, 'app.asar'), electron({ resourcesPath: resources }))).toBe(
      binding,
    );
  });

  it('tells the user to run rebuild:electron when nothing was built for this version', () => {
    expect(() => resolveSqliteNativeBinding(root, electron())).toThrow(NativeBindingError);
    expect(() => resolveSqliteNativeBinding(root, electron())).toThrow(/npm run rebuild:electron/);
  });

  it('refuses a build for another platform or architecture', async () => {
    await writeBuild(root, { ...MANIFEST, arch: 'arm64' });
    expect(() => resolveSqliteNativeBinding(root, electron())).toThrow(/linux-arm64/);
  });

  it('refuses a manifest whose binary is gone or whose shape is wrong', async () => {
    await writeBuild(root, MANIFEST, false);
    expect(() => resolveSqliteNativeBinding(root, electron())).toThrow(/is missing/);
    await writeBuild(root, { electronVersion: '39.8.10' });
    expect(() => resolveSqliteNativeBinding(root, electron())).toThrow(/not a native-build manifest/);
  });
});
