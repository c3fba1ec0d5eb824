/**
 * libsignal narrates session changes through console.info/warn ("Closing open session in favor of
 * incoming prekey bundle"); that is expected protocol behaviour, so tests mute it.
 */
const NOISY = [/session/i, /prekey/i, /Closing/i, /Decrypted message with closed session/i];
export function quietLibsignal(): void {
  for (const level of ['info', 'warn', 'log'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const first = typeof args[0] === 'string' ? args[0] : '';
      if (NOISY.some((re) => re.test(first))) return;
      original(...args);
    };
  }
}
