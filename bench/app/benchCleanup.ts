/**
 * Resources that rows share for the whole run (a seeded profile, its warmed-up browser context)
 * are released here, after the last row: `bench/run.ts` calls runBenchCleanups() before exiting.
 */
const cleanups: (() => Promise<void> | void)[] = [];

export function onBenchCleanup(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

export async function runBenchCleanups(): Promise<void> {
  // Last registered first: a context closes before the browser it belongs to.
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (err) {
      process.stderr.write(`bench cleanup failed: ${String(err)}\n`);
    }
  }
}
