// libsignal ships no types for its curve module; only the function we need for a *correct* signature check.
declare module 'libsignal/src/curve.js' {
  export function verifySignature(pubKey: Uint8Array, msg: Uint8Array, sig: Uint8Array, isInit?: boolean): boolean;
}
