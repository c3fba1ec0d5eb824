/**
 * Where the demo finds the WhatsApp simulator (test/sim), from the environment. Read by the demo
 * entries only (`demoMain` and the demo worker); production entries never look at these.
 *   WA_INBOX_SIM_WS_URL   ws://127.0.0.1:7780/ws/chat
 *   WA_INBOX_SIM_ROOT     the simulator's certificate root public key, base64 (32 bytes)
 *   WA_INBOX_SIM_CDN_PORT the loopback media CDN's port (optional: no media without it)
 *
 * One simulator (test/sim SimHost) can serve several accounts on one URL. Separate simulators work
 * too: each variable may then list one value per simulator, comma-separated (a single root or CDN
 * port applies to all), and `demoMain` hands the Nth added account the Nth simulator (see
 * demoSimSpawner.ts); each worker only ever sees its own single values.
 */
export type DemoSimEnv = { readonly wsUrl: string; readonly rootKey: Uint8Array; readonly cdnPort: number | null };

export const DEMO_SIM_ENV_KEYS = ['WA_INBOX_SIM_WS_URL', 'WA_INBOX_SIM_ROOT', 'WA_INBOX_SIM_CDN_PORT'] as const;
type DemoSimEnvKey = (typeof DEMO_SIM_ENV_KEYS)[number];
/** One simulator's settings as environment values, ready to hand to a worker process. */
export type DemoSimTarget = Readonly<Partial<Record<DemoSimEnvKey, string>>>;

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

/**
 * Splits the (possibly comma-listed) variables into one target per simulator and validates each
 * like `readDemoSimEnv`, so a bad list fails at startup rather than in a worker.
 */
export function readDemoSimTargets(env: NodeJS.ProcessEnv): DemoSimTarget[] {
  const urls = listOf(env.WA_INBOX_SIM_WS_URL);
  const roots = listOf(env.WA_INBOX_SIM_ROOT);
  const cdns = listOf(env.WA_INBOX_SIM_CDN_PORT);
  if (urls.length === 0) readDemoSimEnv(env); // throws the usual "needs …" error
  for (const [name, values] of [
    ['WA_INBOX_SIM_ROOT', roots],
    ['WA_INBOX_SIM_CDN_PORT', cdns],
  ] as const) {
    if (values.length > 1 && values.length !== urls.length) {
      throw new Error(`${name} lists ${values.length} values for ${urls.length} simulators`);
    }
  }
  return urls.map((url, index) => {
    const root = roots[index] ?? roots[0];
    const cdn = cdns[index] ?? cdns[0];
    const target: DemoSimTarget = {
      WA_INBOX_SIM_WS_URL: url,
      ...(root ? { WA_INBOX_SIM_ROOT: root } : {}),
      ...(cdn ? { WA_INBOX_SIM_CDN_PORT: cdn } : {}),
    };
    readDemoSimEnv(target);
    return target;
  });
}

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
