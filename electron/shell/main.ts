/*
 * The Electron main process entry: a thin shell around the Node core. It owns windows, the app
 * protocol, OS integration and the keystore; everything about WhatsApp lives in the core.
 * Built by scripts/build-shell.mjs to dist/electron/shell/main.js (ESM).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, safeStorage, session, type BrowserWindow } from 'electron';
import { pino } from 'pino';
import type { Core } from '../core/app/Core.js';
import { createCore } from '../core/app/createCore.js';
import { resolveSqliteNativeBinding } from '../core/native/nativeBinding.js';
import { workerSessions } from '../core/main/workerSessions.js';
import { utilityProcessSpawner } from './utilityProcessSpawner.js';
import { drop } from '../core/util/drop.js';
import { registerAppSchemeAsPrivileged, serveRendererOnAppProtocol } from './appProtocol.js';
import { installGracefulShutdown } from './gracefulShutdown.js';
import { forwardEventsToWindow, registerCommandChannel } from './ipcBridge.js';
import { checkKeystore } from './keystorePolicy.js';
import { parseLaunchOptions } from './launchOptions.js';
import { createMainWindow, focusWindow, loadApp } from './mainWindow.js';
import { SafeStorageKeyProvider } from './safeStorageKeyProvider.js';
import { applyPermissionPolicy, applyWebContentsPolicy } from './webContentsPolicy.js';

// Bundle layout: <appRoot>/dist/electron/shell/main.js, also inside app.asar when packaged.
const APP_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));
const PRELOAD_PATH = fileURLToPath(new URL('./preload.cjs', import.meta.url));

const log = pino({ name: 'wa-inbox', level: process.env['LOG_LEVEL'] ?? 'info' }).child({ module: 'shell' });
const launch = parseLaunchOptions(process.argv);

// Before anything reads userData: the single-instance lock lives in the profile dir too.
if (launch.profileDir !== null) app.setPath('userData', launch.profileDir);
registerAppSchemeAsPrivileged();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this profile; it focuses its window on 'second-instance'.
  app.quit();
} else {
  startShell();
}

function startShell(): void {
  let mainWindow: BrowserWindow | null = null;
  let coreStart: Promise<Core> | null = null;

  app.on('web-contents-created', (_event, contents) => applyWebContentsPolicy(contents, log));
  app.on('second-instance', () => focusWindow(mainWindow));
  installGracefulShutdown(() => coreStart, log);

  const openMainWindow = (core: Core): void => {
    const window = createMainWindow(PRELOAD_PATH);
    mainWindow = window;
    forwardEventsToWindow(core, window);
    window.once('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    drop(loadApp(window), (err) => log.error({ err }, 'could not load the renderer'));
  };

  const start = async (): Promise<void> => {
    await app.whenReady();
    const keystore = checkKeystore({
      isEncryptionAvailable: safeStorage.isEncryptionAvailable(),
      backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
      allowInsecure: launch.allowInsecureKeystore,
    });
    if (!keystore.isUsable) {
      dialog.showErrorBox(keystore.title, keystore.message);
      app.exit(1);
      return;
    }
    if (keystore.isInsecure) log.warn('using the plaintext basic_text keystore as explicitly allowed');

    // Fails fast, with the fix in the message, if better-sqlite3 was not built for this Electron.
    // The account workers (utility processes on Electron's ABI) open their stores with it.
    const sqliteNativeBinding = resolveSqliteNativeBinding(APP_ROOT);
    log.info({ sqliteNativeBinding }, 'using better-sqlite3 built for Electron');

    applyPermissionPolicy(session.defaultSession);
    const profileDir = app.getPath('userData');
    serveRendererOnAppProtocol(RENDERER_DIR, profileDir);
    log.info({ profileDir }, 'starting core');
    const keyProvider = new SafeStorageKeyProvider(profileDir);
    coreStart = createCore({
      mode: 'electron',
      version: app.getVersion(),
      profileDir,
      keyProvider,
      log,
      // The backup service reads the stores from this process, so it needs Electron's build too.
      ...(sqliteNativeBinding ? { nativeBinding: sqliteNativeBinding } : {}),
      // One utility process per account; safeStorage only works in this process, so the key is
      // handed to each worker over its IPC channel (never through the environment).
      createSessions: workerSessions({
        profileDir,
        log,
        workerScript: join(APP_ROOT, 'dist', 'core', 'workerMain.js'),
        spawner: utilityProcessSpawner(),
        keyHandoff: keyProvider,
        ...(sqliteNativeBinding ? { nativeBinding: sqliteNativeBinding } : {}),
      }),
    });
    const core = await coreStart;
    registerCommandChannel(core);
    openMainWindow(core);
    app.on('activate', () => {
      // macOS: clicking the dock icon with no window open brings the inbox back.
      if (mainWindow === null) openMainWindow(core);
    });
  };

  drop(start(), (err) => {
    log.fatal({ err }, 'WA Inbox failed to start');
    dialog.showErrorBox('WA Inbox could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock without windows; elsewhere closing the window quits.
    if (process.platform !== 'darwin') app.quit();
  });
}
