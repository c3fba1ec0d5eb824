// electron-builder configuration. Run after the full build (renderer + shell) and
// `npm run rebuild:electron`:
//   npx electron-builder --config build/electron-builder.config.cjs --publish never
// CommonJS because electron-builder loads its config with require().
'use strict';

const ELECTRON_VERSION = '39.8.10'; // keep equal to optionalDependencies.electron in package.json

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.wainbox.desktop',
  productName: 'WA Inbox',
  copyright: 'MIT licensed contributors of WA Inbox',
  electronVersion: ELECTRON_VERSION,
  // Icons are picked up from build/ by name (icon.icns, icon.ico, icons/*.png) once they exist;
  // until then electron-builder uses Electron's default icon. See build/README.md.
  directories: { output: 'release', buildResources: 'build' },
  asar: true,
  files: [
    'package.json',
    'dist/**',
    '!dist/**/*.map',
    // The Electron build of better-sqlite3 ships in extraResources; the Node build, its C sources
    // and the sqlite amalgamation would be dead weight (and a wrong-ABI binary) in the asar.
    '!**/node_modules/better-sqlite3/{build,deps,src}/**',
    // electron is an optionalDependency, so the dependency collector would copy it (binary and all).
    '!**/node_modules/electron/**',
  ],
  // better-sqlite3 is not N-API; scripts/build-native-electron.mjs built it for this Electron
  // into .native/, and the core loads it from process.resourcesPath/.native (see docs/native-modules.md).
  npmRebuild: false,
  nodeGypRebuild: false,
  extraResources: [{ from: `.native/electron-${ELECTRON_VERSION}`, to: `.native/electron-${ELECTRON_VERSION}` }],
  afterPack: './build/afterPack.mjs',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network;InstantMessaging',
    executableName: 'wa-inbox',
  },
  deb: { depends: ['libsecret-1-0'] }, // safeStorage needs a Secret Service client
  mac: {
    target: ['dmg'],
    category: 'public.app-category.social-networking',
    hardenedRuntime: true,
  },
  win: {
    target: ['nsis'],
  },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};
