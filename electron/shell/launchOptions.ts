/** Command-line switches the shell understands. Electron-free so it is unit-tested. */
export type LaunchOptions = {
  /** Accept Linux's `basic_text` safeStorage backend (a hard-coded password, i.e. plaintext). */
  readonly allowInsecureKeystore: boolean;
  /** Use this profile instead of `app.getPath('userData')`: separate profiles, isolated tests. */
  readonly profileDir: string | null;
};

export const ALLOW_INSECURE_KEYSTORE_FLAG = '--allow-insecure-keystore';
const PROFILE_DIR_PREFIX = '--profile-dir=';

export function parseLaunchOptions(argv: readonly string[]): LaunchOptions {
  let profileDir: string | null = null;
  for (const arg of argv) {
    if (arg.startsWith(PROFILE_DIR_PREFIX) && arg.length > PROFILE_DIR_PREFIX.length) {
      profileDir = arg.slice(PROFILE_DIR_PREFIX.length);
    }
  }
  return { allowInsecureKeystore: argv.includes(ALLOW_INSECURE_KEYSTORE_FLAG), profileDir };
}
