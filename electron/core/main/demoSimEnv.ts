/**
 * Where the demo finds the WhatsApp simulator (test/sim), from the environment. Read by the demo
 * entries only (`demoMain` and the demo worker); production entries never look at these.
 *   WA_INBOX_SIM_WS_URL   ws://127.0.0.1:7780/ws/chat
 *   WA_INBOX_SIM_ROOT     the simulator's certificate root public key, base64 (32 bytes)
 *   WA_INBOX_SIM_CDN_PORT the loopback media CDN's port (optional: no media without it)
 */
export type DemoSimEnv = { readonly wsUrl: string; readonly rootKey: Uint8Array; readonly cdnPort: number | null };

export const DEMO_SIM_ENV_KEYS = ['WA_INBOX_SIM_WS_URL', 'WA_INBOX_SIM_ROOT', 'WA_INBOX_SIM_CDN_PORT'] as const;

export function readDemoSimEnv(env: NodeJS.ProcessEnv): DemoSimEnv {
  const wsUrl = env.WA_INBOX_SIM_WS_URL;
  const root = env.WA_INBOX_SIM_ROOT;
  if (!wsUrl || !root) {
    throw new Error('the demo needs WA_INBOX_SIM_WS_URL and WA_INBOX_SIM_ROOT (run it through `npm run demo`)');
  }
  const url = new URL(wsUrl);
  // The demo talks to a simulator on this machine only; anything else is a misconfiguration.
  if (url.protocol !== 'ws:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`WA_INBOX_SIM_WS_URL must be a loopback ws:// URL, got ${url.origin}`);
  }
  const cdn = env.WA_INBOX_SIM_CDN_PORT;
  const cdnPort = cdn ? Number(cdn) : null;
  if (cdnPort !== null && (!Number.isInteger(cdnPort) || cdnPort < 1 || cdnPort > 65_535)) {
    throw new Error(`invalid WA_INBOX_SIM_CDN_PORT ${cdn}`);
  }
  return { wsUrl, rootKey: new Uint8Array(Buffer.from(root, 'base64')), cdnPort };
}
