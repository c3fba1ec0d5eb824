import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccountId } from '../../shared/src/index.js';
import { AccountStore } from '../../electron/core/store/AccountStore.js';
import { staticKeyProvider } from '../../electron/core/store/keyProvider.js';

export const BENCH_ACCOUNT = 'bench' as AccountId;

export type TempStore = Readonly<{ root: string; accountDir: string; store: AccountStore; dispose: () => void }>;

/** A fresh account store in its own temp dir (profiles lay accounts out as `<root>/<accountId>/`). */
export async function openTempStore(): Promise<TempStore> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bench-'));
  const accountDir = path.join(root, BENCH_ACCOUNT);
  fs.mkdirSync(accountDir);
  const store = await AccountStore.open(accountDir, { keyProvider: staticKeyProvider(new Uint8Array(32).fill(1)) });
  return {
    root,
    accountDir,
    store,
    dispose: () => {
      store.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
