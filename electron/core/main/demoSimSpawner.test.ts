import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChildLike, WorkerSpawner } from '../session/process/WorkerSpawner.js';
import { WORKER_LAUNCH_ENV } from '../session/process/workerLaunch.js';
import { readDemoSimTargets } from './demoSimEnv.js';
import { demoSimSpawner } from './demoSimSpawner.js';

const ROOT = Buffer.alloc(32, 7).toString('base64');
let profileDir: string;

beforeEach(() => {
  profileDir = mkdtempSync(join(tmpdir(), 'demo-sim-spawner-'));
});
afterEach(() => rmSync(profileDir, { recursive: true, force: true }));

describe('readDemoSimTargets', () => {
  it('gives one target per listed simulator, sharing a single root', () => {
    const targets = readDemoSimTargets({
      WA_INBOX_SIM_WS_URL: 'ws://127.0.0.1:1001/ws/chat,ws://127.0.0.1:1002/ws/chat',
      WA_INBOX_SIM_ROOT: ROOT,
      WA_INBOX_SIM_CDN_PORT: '2001,2002',
    });
    expect(targets).toEqual([
      { WA_INBOX_SIM_WS_URL: 'ws://127.0.0.1:1001/ws/chat', WA_INBOX_SIM_ROOT: ROOT, WA_INBOX_SIM_CDN_PORT: '2001' },
      { WA_INBOX_SIM_WS_URL: 'ws://127.0.0.1:1002/ws/chat', WA_INBOX_SIM_ROOT: ROOT, WA_INBOX_SIM_CDN_PORT: '2002' },
    ]);
  });

  it('refuses lists of different lengths and non-loopback simulators', () => {
    expect(() =>
      readDemoSimTargets({
        WA_INBOX_SIM_WS_URL: 'ws://127.0.0.1:1001/ws/chat,ws://127.0.0.1:1002/ws/chat',
        WA_INBOX_SIM_ROOT: ROOT,
        WA_INBOX_SIM_CDN_PORT: '1,2,3',
      }),
    ).toThrow(/3 values for 2 simulators/);
    expect(() =>
      readDemoSimTargets({ WA_INBOX_SIM_WS_URL: 'ws://127.0.0.1:1/ws,ws://example.com/ws', WA_INBOX_SIM_ROOT: ROOT }),
    ).toThrow(/loopback/);
    expect(() => readDemoSimTargets({})).toThrow(/needs WA_INBOX_SIM_WS_URL/);
  });
});

describe('demoSimSpawner', () => {
  it('connects the Nth account of accounts.json to the Nth simulator, extras to the last', () => {
    writeFileSync(
      join(profileDir, 'accounts.json'),
      JSON.stringify({
        version: 1,
        accounts: ['acct-1', 'acct-2', 'acct-3'].map((id, i) => ({ id, label: id, createdAt: i })),
      }),
    );
    const seen: Record<string, string | undefined> = {};
    const recorder: WorkerSpawner = (_script, _args, env) => {
      const { accountId } = JSON.parse(env[WORKER_LAUNCH_ENV] ?? '{}') as { accountId: string };
      seen[accountId] = env.WA_INBOX_SIM_WS_URL;
      return {} as ChildLike;
    };
    const spawn = demoSimSpawner(
      profileDir,
      [{ WA_INBOX_SIM_WS_URL: 'ws://127.0.0.1:1/a' }, { WA_INBOX_SIM_WS_URL: 'ws://127.0.0.1:2/b' }],
      recorder,
    );
    for (const accountId of ['acct-2', 'acct-1', 'acct-3']) {
      spawn('worker.js', [], { [WORKER_LAUNCH_ENV]: JSON.stringify({ accountId }), WA_INBOX_SIM_WS_URL: 'ws://both' });
    }
    expect(seen).toEqual({
      'acct-1': 'ws://127.0.0.1:1/a',
      'acct-2': 'ws://127.0.0.1:2/b',
      'acct-3': 'ws://127.0.0.1:2/b',
    });
  });
});
