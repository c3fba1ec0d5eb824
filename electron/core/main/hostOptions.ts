import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const DEFAULT_BROWSER_PORT = 7733;

export type HostOptions = {
  readonly profileDir: string;
  /** Fixed across runs: IndexedDB (the renderer cache) is tied to the origin, port included. */
  readonly port: number;
  readonly rotateToken: boolean;
  readonly staticDir: string;
};

/** Browser-mode options from argv and environment, with the defaults documented in the README. */
export function readHostOptions(argv: readonly string[], env: NodeJS.ProcessEnv, appRoot: string): HostOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      profile: { type: 'string' },
      port: { type: 'string' },
      'rotate-token': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port ?? env.WA_INBOX_PORT ?? DEFAULT_BROWSER_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`invalid port ${String(values.port ?? env.WA_INBOX_PORT)}: use 1–65535`);
  }
  return {
    profileDir: values.profile ?? env.WA_INBOX_PROFILE ?? defaultProfileDir(env),
    port,
    rotateToken: values['rotate-token'],
    staticDir: join(appRoot, 'dist', 'renderer'),
  };
}

function defaultProfileDir(env: NodeJS.ProcessEnv): string {
  const configHome = env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(configHome, 'wa-inbox');
}
