// `npm run demo`: builds, starts the WhatsApp simulator (test/sim/cli.ts, seeded demo world) and
// then browser mode wired to it (dist/core/demoMain.js), and prints the login URL.
// Usage: npm run demo [-- --port 7799 --sim-port 7780 --admin-port 7781 --phones 2 --profile DIR]
// `--phones 2`: the simulator serves a second account (a work phone) on the same port.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAll } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7799' },
    'sim-port': { type: 'string', default: '7780' },
    'admin-port': { type: 'string', default: '7781' },
    phones: { type: 'string', default: '1' },
    profile: { type: 'string' },
  },
});
// A fresh scratch profile per run unless one is given: the demo never touches the real one.
const profile = values.profile ?? mkdtempSync(join(tmpdir(), 'wa-inbox-demo-'));

await buildAll();

const children = [];
const stopAll = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.once('SIGINT', stopAll);
process.once('SIGTERM', stopAll);

// `node --import tsx` rather than `npx tsx`: one process, so a signal reaches the simulator itself.
const sim = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'test/sim/cli.ts',
    '--port',
    values['sim-port'],
    '--admin-port',
    values['admin-port'],
    '--phones',
    values.phones,
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
children.push(sim);
const simInfo = await readSimBanner(sim);

const app = spawn(
  process.execPath,
  [join(root, 'dist/core/demoMain.js'), '--port', values.port, '--profile', profile],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      WA_INBOX_SIM_WS_URL: simInfo.wsUrl,
      WA_INBOX_SIM_ROOT: simInfo.root,
      ...(simInfo.cdnPort ? { WA_INBOX_SIM_CDN_PORT: simInfo.cdnPort } : {}),
    },
  },
);
children.push(app);
console.log(
  [
    '',
    `Simulator: ${simInfo.wsUrl} (admin API ${simInfo.adminUrl}), profile: ${profile}`,
    'Add an account in the app, then let the simulated phone scan its QR code:',
    `  curl -XPOST ${simInfo.adminUrl}/phone/scan -d '{"qr":"<the QR string>"}'`,
    'The login URL follows once the app is up. Ctrl-C stops both.',
    '',
  ].join('\n'),
);
app.on('exit', (code) => {
  stopAll();
  process.exit(code ?? 1);
});
sim.on('exit', (code) => {
  console.error(`the simulator exited (${code}); stopping the demo`);
  stopAll();
});

/** Waits for the simulator's startup banner and picks what the app needs out of it. */
function readSimBanner(child) {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`the simulator did not start in time:\n${text}`)), 60_000);
    child.on('exit', (code) => reject(new Error(`the simulator exited with ${code}:\n${text}`)));
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      text += chunk.toString();
      const wsUrl = /websocket\s*:\s*(\S+)/.exec(text)?.[1];
      const root = /trust root\s*:\s*(\S+)/.exec(text)?.[1];
      const adminUrl = /admin API\s*:\s*(\S+)/.exec(text)?.[1];
      if (!wsUrl || !root || !adminUrl || !/contacts\s*:/.test(text)) return;
      clearTimeout(timer);
      resolve({ wsUrl, root, adminUrl, cdnPort: /media CDN\s*:\s*127\.0\.0\.1:(\d+)/.exec(text)?.[1] ?? null });
    });
  });
}
