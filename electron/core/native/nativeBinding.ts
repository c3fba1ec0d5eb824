import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is not N-API: the copy npm builds for Node cannot load into Electron (different
 * ABI). scripts/build-native-electron.mjs builds a second copy per Electron version into
 * `.native/electron-<version>/` with a manifest; this finds it. Electron-free: it only reads
 * `process.versions.electron` and, when packaged, `process.resourcesPath`.
 */
export const NATIVE_DIR = '.native';
export const NATIVE_MANIFEST = 'manifest.json';

export type NativeManifest = {
  readonly electronVersion: string;
  readonly platform: string;
  readonly arch: string;
  readonly betterSqlite3Version: string;
  readonly binding: string;
};

export class NativeBindingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NativeBindingError';
  }
}

export type RuntimeFacts = {
  readonly electronVersion: string | undefined;
  readonly resourcesPath: string | undefined;
  readonly platform: string;
  readonly arch: string;
};

/**
 * The `nativeBinding` to pass to `new Database(file, { nativeBinding })`: undefined under plain
 * Node (better-sqlite3 finds its own build), the Electron build's absolute path under Electron.
 * `appRoot` is the directory holding package.json (dev); a packaged app keeps `.native/` in its
 * resources dir (electron-builder `extraResources`), which is searched too.
 */
export function resolveSqliteNativeBinding(
  appRoot: string,
  runtime: RuntimeFacts = currentRuntime(),
): string | undefined {
  const { electronVersion } = runtime;
  if (electronVersion === undefined) return undefined;
  const roots = [appRoot, runtime.resourcesPath].filter((root): root is string => root !== undefined);
  const tried: string[] = [];
  for (const root of roots) {
    const dir = path.join(root, NATIVE_DIR, `electron-${electronVersion}`);
    const manifestPath = path.join(dir, NATIVE_MANIFEST);
    tried.push(manifestPath);
    if (!existsSync(manifestPath)) continue;
    const manifest = readManifest(manifestPath);
    if (manifest.platform !== runtime.platform || manifest.arch !== runtime.arch) {
      throw new NativeBindingError(
        `${manifestPath} was built for ${manifest.platform}-${manifest.arch}, this is ${runtime.platform}-${runtime.arch}. ` +
          'Run `npm run rebuild:electron` on this machine.',
      );
    }
    const binding = path.resolve(dir, manifest.binding);
    if (!existsSync(binding)) {
      throw new NativeBindingError(
        `${binding} (listed in ${manifestPath}) is missing. Run \`npm run rebuild:electron\`.`,
      );
    }
    return binding;
  }
  throw new NativeBindingError(
    `better-sqlite3 has not been built for Electron ${electronVersion}. Run \`npm run rebuild:electron\` ` +
      `(needs a C++ toolchain and network access to Electron's headers). Looked for: ${tried.join(', ')}`,
  );
}

function readManifest(manifestPath: string): NativeManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    throw new NativeBindingError(
      `${manifestPath} is not readable JSON (${String(err)}). Run \`npm run rebuild:electron\`.`,
    );
  }
  if (!isManifest(parsed)) {
    throw new NativeBindingError(`${manifestPath} is not a native-build manifest. Run \`npm run rebuild:electron\`.`);
  }
  return parsed;
}

function isManifest(value: unknown): value is NativeManifest {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['electronVersion', 'platform', 'arch', 'betterSqlite3Version', 'binding'].every(
    (key) => typeof record[key] === 'string',
  );
}

function currentRuntime(): RuntimeFacts {
  // `resourcesPath` is Electron's addition to `process`; Node's types do not know it.
  const { resourcesPath } = process as { resourcesPath?: string };
  return {
    electronVersion: process.versions['electron'],
    resourcesPath,
    platform: process.platform,
    arch: process.arch,
  };
}
