// electron-builder afterPack hook: flips Electron fuses on the packaged binary, before signing
// (changing the binary afterwards would break the signature).
//
// Fuses are switches baked into the Electron binary; turning these off removes ways to run the
// app's privileged main process as plain Node or to inject code without touching the signed
// bundle (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect, a loose app folder next to the asar).
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import electronBuilder from 'electron-builder';

const { Arch } = electronBuilder;

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const productFilename = context.packager.appInfo.productFilename;
  const binary =
    platform === 'darwin'
      ? path.join(context.appOutDir, `${productFilename}.app`)
      : platform === 'win32'
        ? path.join(context.appOutDir, `${productFilename}.exe`)
        : path.join(context.appOutDir, context.packager.executableName);

  await flipFuses(binary, {
    version: FuseVersion.V1,
    // Fail the build if a future Electron adds a fuse we have not decided on.
    strictlyRequireAllFuses: true,
    // Flipping invalidates the ad-hoc signature arm64 macOS requires; re-sign ad hoc, real signing follows.
    resetAdHocDarwinSignature: platform === 'darwin' && context.arch === Arch.arm64,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // Enforced on macOS and Windows, where electron-builder embeds the asar hash; no-op on Linux.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    [FuseV1Options.WasmTrapHandlers]: true,
  });
  console.log(`[afterPack] fuses flipped on ${binary}`);
}
