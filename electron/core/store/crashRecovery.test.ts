import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TempProfile } from './storeFixtures.js';
import { makeTempProfile, openTestStore } from './storeFixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/*
 * A real crash: a child process commits, then dies without close() (no WAL checkpoint, no
 * cleanup). Whatever was committed must be there on the next open.
 */
describe('crash recovery', () => {
  let profile: TempProfile;
  beforeEach(() => {
    profile = makeTempProfile();
  });
  afterEach(() => profile.cleanup());

  it('re-offers a journaled chunk and keeps committed data after the process died mid-chunk', async () => {
    const script = path.join(profile.dir, 'crash.mts');
    fs.writeFileSync(
      script,
      `
      import { AccountStore } from ${JSON.stringify(path.join(here, 'AccountStore.ts'))};
      import { staticKeyProvider } from ${JSON.stringify(path.join(here, 'keyProvider.ts'))};
      const store = await AccountStore.open(process.argv[2], { keyProvider: staticKeyProvider(new Uint8Array(32).fill(7)) });
      store.writeCreds(new TextEncoder().encode('{"registered":true}'));
      store.journalHistoryChunk({ id: 'c1', syncType: 'RECENT', chunkOrder: 1, progress: 50, receivedAt: 1, raw: new Uint8Array([4, 2]) });
      store.outbox.enqueue({ id: 'cmd', lane: 'serial', name: 'messages.sendText', payload: {} });
      process.exit(3); // dies before processing the chunk, without closing the store
      `,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, profile.accountDir], {
      cwd: path.resolve(here, '../../..'),
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(3);

    const store = await openTestStore(profile.accountDir);
    try {
      expect(new TextDecoder().decode(store.readCreds())).toBe('{"registered":true}');
      expect(store.pendingHistoryChunks().map((c) => c.id)).toEqual(['c1']);
      expect(store.outbox.list().map((e) => e.id)).toEqual(['cmd']);
    } finally {
      store.close();
    }
  });
});
