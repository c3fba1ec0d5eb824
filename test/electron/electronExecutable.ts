import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export const NO_ELECTRON_REASON = 'Electron binary not installed on this machine';

/**
 * The Electron executable `require('electron')` points at, or null. The `electron` package is an
 * optional dependency whose binary download fails on offline machines (npm then removes it), and
 * even when present, its index.js throws if the download never completed.
 */
export function findElectronExecutable(): string | null {
  try {
    const required: unknown = createRequire(import.meta.url)('electron');
    return typeof required === 'string' && existsSync(required) ? required : null;
  } catch {
    return null;
  }
}
