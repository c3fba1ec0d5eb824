import { describe, expect, it } from 'vitest';
import { checkKeystore } from './keystorePolicy.js';
import { parseLaunchOptions } from './launchOptions.js';

describe('checkKeystore', () => {
  it('refuses when the OS offers no encryption at all, even with the insecure flag', () => {
    const verdict = checkKeystore({ isEncryptionAvailable: false, backend: null, allowInsecure: true });
    expect(verdict.isUsable).toBe(false);
  });

  it('refuses the basic_text backend and names the flag that overrides it', () => {
    const verdict = checkKeystore({ isEncryptionAvailable: true, backend: 'basic_text', allowInsecure: false });
    expect(verdict).toMatchObject({ isUsable: false });
    expect(verdict.isUsable === false && verdict.message).toContain('--allow-insecure-keystore');
  });

  it('accepts basic_text only when explicitly allowed, and says it is insecure', () => {
    expect(checkKeystore({ isEncryptionAvailable: true, backend: 'basic_text', allowInsecure: true })).toEqual({
      isUsable: true,
      isInsecure: true,
    });
  });

  it.each(['gnome_libsecret', 'kwallet6', null] as const)('accepts backend %s as secure', (backend) => {
    expect(checkKeystore({ isEncryptionAvailable: true, backend, allowInsecure: false })).toEqual({
      isUsable: true,
      isInsecure: false,
    });
  });
});

describe('parseLaunchOptions', () => {
  it('reads the insecure-keystore flag and the profile dir', () => {
    expect(parseLaunchOptions(['electron', '.', '--allow-insecure-keystore', '--profile-dir=/tmp/p'])).toEqual({
      allowInsecureKeystore: true,
      profileDir: '/tmp/p',
    });
  });

  it('defaults to a secure keystore and the standard profile', () => {
    expect(parseLaunchOptions(['wa-inbox', '--profile-dir='])).toEqual({
      allowInsecureKeystore: false,
      profileDir: null,
    });
  });
});
