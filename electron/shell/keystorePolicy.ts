import { ALLOW_INSECURE_KEYSTORE_FLAG } from './launchOptions.js';

export type KeystoreBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

export type KeystoreVerdict =
  | { readonly isUsable: true; readonly isInsecure: boolean }
  | { readonly isUsable: false; readonly title: string; readonly message: string };

/**
 * Decides whether `safeStorage` may guard the store key. On Linux without a keyring, Chromium falls
 * back to `basic_text`: "encrypted" with a password compiled into every Chromium, which protects
 * nothing. We refuse it rather than pretend, unless the user explicitly accepts the risk.
 * `backend` is null off Linux, where the OS keystore (Keychain, DPAPI) is always real.
 */
export function checkKeystore(input: {
  readonly isEncryptionAvailable: boolean;
  readonly backend: KeystoreBackend | null;
  readonly allowInsecure: boolean;
}): KeystoreVerdict {
  if (!input.isEncryptionAvailable) {
    return {
      isUsable: false,
      title: 'No secure key storage',
      message:
        'WA Inbox keeps the key that encrypts your WhatsApp session in the operating system keystore, ' +
        'but no keystore is available. On Linux, install and unlock a Secret Service provider ' +
        '(GNOME Keyring or KWallet) and start WA Inbox again.',
    };
  }
  if (input.backend === 'basic_text') {
    if (input.allowInsecure) return { isUsable: true, isInsecure: true };
    return {
      isUsable: false,
      title: 'Keystore is not secure',
      message:
        'No keyring (GNOME Keyring or KWallet) is running, so Electron would store the encryption key ' +
        'with a publicly known password: anyone who can read your profile could read your WhatsApp session.\n\n' +
        'Start a keyring and open WA Inbox again, or, if you accept that risk (e.g. on a throwaway machine), ' +
        `start it with ${ALLOW_INSECURE_KEYSTORE_FLAG}.`,
    };
  }
  return { isUsable: true, isInsecure: false };
}
