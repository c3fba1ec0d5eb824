import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const appRoot = join(import.meta.dirname, '..', '..');

export type BrowserModeProcess = {
  readonly port: number;
  readonly origin: string;
  /** The one-time login address printed at start. */
  readonly loginUrl: string;
  readonly profileDir: string;
  readonly output: () => string;
  readonly stop: () => Promise<void>;
};

/** Starts the built browser-mode entry as its own process, exactly as `npm start` would. */
export async function startBrowserModeProcess(
  options: { entry?: string; profileDir?: string; port?: number; env?: NodeJS.ProcessEnv; args?: string[] } = {},
): Promise<BrowserModeProcess> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'wa-inbox-e2e-'));
  const port = options.port ?? (await freePort());
  const child = spawn(
    process.execPath,
    [
      join(appRoot, options.entry ?? 'dist/core/browserMain.js'),
      '--profile',
      profileDir,
      '--port',
      String(port),
      ...(options.args ?? []),
    ],
    {
      cwd: appRoot,
      env: { ...process.env, WA_INBOX_LOG_LEVEL: process.env.WA_INBOX_E2E_LOG_LEVEL ?? 'warn', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const loginUrl = await waitForLoginUrl(child, () => output);
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    loginUrl,
    profileDir,
    output: () => output,
    stop: async () => {
      await stopChild(child);
      // Kept for whoever reads a failed CI run: the app's and its workers' warnings and errors.
      const logs = join(appRoot, 'test-results', 'e2e-logs');
      mkdirSync(logs, { recursive: true });
      writeFileSync(join(logs, `browser-mode-${Date.now()}-${port}.log`), output);
      if (!options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

function waitForLoginUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output()}`)), 30_000);
    const check = () => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/auth\?token=[A-Za-z0-9_%-]+)/.exec(output());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output()}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
