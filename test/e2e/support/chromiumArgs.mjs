// Debian's Chromium as the benches and the renderer's dev scripts launch it (Playwright cannot
// download browsers here). Plain JS so the `node renderer/scripts/*.mjs` scripts can import it
// without a TypeScript loader; types in chromiumArgs.d.mts.

/** Where `apt-get install chromium` puts it; CHROMIUM_PATH overrides, as in the e2e config. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Root needs --no-sandbox; no GPU on these machines; the rest keeps Chromium from phoning home
 * (component updates, sync, background fetches), which would add noise to timings.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** `chromium.launch(chromiumLaunchOptions())` with Playwright's chromium. */
export function chromiumLaunchOptions() {
  return { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] };
}
