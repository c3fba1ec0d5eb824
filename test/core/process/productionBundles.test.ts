import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { here } from './processFixtures.js';

/*
 * The production bundles must not be able to trust another certificate root or kill themselves:
 * those are demo/test powers. Builds every CORE_ENTRIES bundle the way scripts/build.mjs does
 * (bundled, Baileys and other packages external) into a temp dir and greps the output.
 */

const root = join(here, '..', '..', '..');
const outdir = mkdtempSync(join(tmpdir(), 'wa-inbox-bundles-'));
const PRODUCTION = ['browserMain', 'workerMain'] as const;
const FORBIDDEN_IN_PRODUCTION = [
  'WA_CERT_DETAILS',
  'PUBLIC_KEY =',
  'PUBLIC_KEY=',
  'test/sim',
  'installCrashHandler(',
  'trustSimulatorRoot',
  'createLoopbackDispatcher',
  'LoopbackHttpsAgent',
  'WA_INBOX_CRASH_PLAN',
  'WA_INBOX_SIM_',
  'demoWorkerMain',
];

const bundle = (name: string): string => readFileSync(join(outdir, `${name}.js`), 'utf8');

beforeAll(async () => {
  const build = (await import(pathToFileURL(join(root, 'scripts', 'build.mjs')).href)) as {
    CORE_ENTRIES: Record<string, string>;
  };
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: build.CORE_ENTRIES,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('production bundles', () => {
  it.each(PRODUCTION.flatMap((name) => FORBIDDEN_IN_PRODUCTION.map((needle) => [name, needle] as const)))(
    '%s.js does not contain %j',
    (name, needle) => {
      expect(bundle(name)).not.toContain(needle);
    },
  );

  it('the production worker bundle is the real worker and starts the shared child runtime', () => {
    const text = bundle('workerMain');
    expect(text).toContain('runWorkerChild');
    expect(text).toContain('AccountWorker');
  });
});

describe('demo bundles', () => {
  it.each([
    'WA_CERT_DETAILS',
    'PUBLIC_KEY =',
    'test/sim',
    'installCrashHandler(',
    'createLoopbackDispatcher',
    'WA_INBOX_CRASH_PLAN',
  ])('demoWorkerMain.js contains %j (so the grep above would catch a leak)', (needle) => {
    expect(bundle('demoWorkerMain')).toContain(needle);
  });

  it('demoMain.js reads the simulator settings and starts the demo worker, not the production one', () => {
    const text = bundle('demoMain');
    expect(text).toContain('WA_INBOX_SIM_WS_URL');
    expect(text).toContain('demoWorkerMain.js');
  });
});
