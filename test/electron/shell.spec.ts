import { expect, test } from '@playwright/test';
import { findElectronExecutable, NO_ELECTRON_REASON } from './electronExecutable.js';
import { launchShell, type LaunchedShell } from './launchShell.js';

const executable = findElectronExecutable();
// CI installs Electron on purpose; there a missing binary must fail, not skip.
const isElectronRequired = process.env['WA_INBOX_REQUIRE_ELECTRON'] === '1';

/**
 * The slice of the `electron` module these tests touch in the main process. Declared here because
 * the test project does not see electron.d.ts (electron is an optional dependency).
 */
type ElectronMain = {
  readonly BrowserWindow: {
    getAllWindows(): Array<{ readonly webContents: { getLastWebPreferences(): Record<string, unknown> } }>;
  };
};

test.describe('Electron shell', () => {
  // Never a silent pass: without the binary every test here is reported as skipped, with the reason.
  test.skip(executable === null && !isElectronRequired, NO_ELECTRON_REASON);

  let shell: LaunchedShell;
  test.beforeAll(async () => {
    if (executable === null) throw new Error(`${NO_ELECTRON_REASON}, but WA_INBOX_REQUIRE_ELECTRON=1`);
    shell = await launchShell(executable);
  });
  test.afterAll(async () => {
    await shell?.close();
  });

  test('opens the window on the app origin with isolation and the sandbox on', async () => {
    expect(shell.page.url()).toBe('app://inbox/index.html');
    const preferences = await shell.app.evaluate(({ BrowserWindow }: ElectronMain) => {
      // getLastWebPreferences is missing from electron.d.ts, but it is what Electron applied.
      const p = BrowserWindow.getAllWindows()[0]?.webContents.getLastWebPreferences() ?? {};
      return {
        contextIsolation: p['contextIsolation'],
        sandbox: p['sandbox'],
        nodeIntegration: p['nodeIntegration'],
        webSecurity: p['webSecurity'],
        webviewTag: p['webviewTag'],
      };
    });
    expect(preferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  test('exposes exactly send and subscribe on window.bridge, and no Node', async () => {
    const page = await shell.page.evaluate(() => {
      const scope = globalThis as unknown as Record<string, unknown>;
      const bridge = scope['bridge'] as Record<string, unknown> | undefined;
      return {
        bridgeKeys: bridge ? Object.keys(bridge).sort() : null,
        requireType: typeof scope['require'],
        processType: typeof scope['process'],
        moduleType: typeof scope['module'],
      };
    });
    expect(page).toEqual({
      bridgeKeys: ['send', 'subscribe'],
      requireType: 'undefined',
      processType: 'undefined',
      moduleType: 'undefined',
    });
  });

  test('round-trips app.ping over IPC', async () => {
    const result = await shell.page.evaluate(async () => {
      const bridge = (globalThis as unknown as { bridge: { send(name: string, input: unknown): Promise<unknown> } })
        .bridge;
      return bridge.send('app.ping', { nonce: 'electron-spec' });
    });
    expect(result).toMatchObject({ ok: true, value: { nonce: 'electron-spec' } });
  });

  test('refuses invalid and uncloneable input with a Result instead of throwing', async () => {
    const results = await shell.page.evaluate(async () => {
      const bridge = (globalThis as unknown as { bridge: { send(name: string, input: unknown): Promise<unknown> } })
        .bridge;
      return [await bridge.send('app.ping', { nonce: 42 }), await bridge.send('app.ping', { nonce: () => 'x' })];
    });
    expect(results).toMatchObject([
      { ok: false, error: { code: 'INVALID_INPUT' } },
      { ok: false, error: { code: 'INVALID_INPUT' } },
    ]);
  });

  test('blocks window.open', async () => {
    // Not an http(s) URL, so nothing is handed to the system browser on the CI runner either.
    const opened = await shell.page.evaluate(() => window.open('about:blank') === null);
    expect(opened).toBe(true);
    expect(await shell.app.evaluate(({ BrowserWindow }: ElectronMain) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('blocks navigation to an external URL', async () => {
    await shell.page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    // A blocked navigation leaves the page where it was; give a real one time to commit.
    await shell.page.waitForTimeout(1_000);
    expect(shell.page.url()).toBe('app://inbox/index.html');
    expect(await shell.page.evaluate(() => typeof (globalThis as unknown as { bridge?: unknown }).bridge)).toBe(
      'object',
    );
  });
});
