import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CrashPointName } from '../../../electron/core/util/crashPoints.js';
import { createPrng, pick } from '../../support/prng.js';

export const CRASH_PLAN_ENV = 'WA_INBOX_CRASH_PLAN';

const CRASH_POINTS = [
  'after-decrypt',
  'before-receipt',
  'after-receipt',
  'in-store-transaction',
  'mid-history-chunk',
  'before-send',
  'after-send',
] as const satisfies readonly CrashPointName[];

/**
 * When and where the demo/test worker kills itself:
 *   {"seed": 7, "probability": 0.3, "logFile": "/tmp/kills.log", "maxKills": 50, "points": [...]}
 * Each incarnation draws one target point at random (from `points`, default all), then dies at
 * a hit of that point with `probability`. Drawing the point first spreads kills over the
 * pipeline; with one probability for every hit, the store transaction (hit most often) would
 * take nearly all of them. The PRNG is seeded with `seed` plus the number of kills already
 * logged: a run is reproducible, and each incarnation draws afresh. `backgroundProbability`
 * lets every other listed point kill too, so a rarely hit target cannot stall the soak.
 */
export const CrashPlanSchema = z.strictObject({
  seed: z.number().int(),
  probability: z.number().min(0).max(1),
  logFile: z.string().min(1),
  maxKills: z.number().int().nonnegative().optional(),
  /** Once this file exists no more kills happen (the test's settle phase). */
  disarmFile: z.string().min(1).optional(),
  /** Chance that a hit of any other point kills too: bounds the wait when the target is rare. */
  backgroundProbability: z.number().min(0).max(1).optional(),
  points: z.array(z.enum(CRASH_POINTS)).optional(),
});
export type CrashPlan = z.infer<typeof CrashPlanSchema>;

export function readCrashPlan(env: NodeJS.ProcessEnv): CrashPlan | null {
  const raw = env[CRASH_PLAN_ENV];
  return raw ? CrashPlanSchema.parse(JSON.parse(raw)) : null;
}

export function killsLogged(logFile: string): string[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
}

/** The handler for `installCrashHandler`: logs the point, then SIGKILLs this very process. */
export function crashHandlerFor(
  plan: CrashPlan,
  kill: () => void = () => process.kill(process.pid, 'SIGKILL'),
): (name: CrashPointName) => void {
  const already = killsLogged(plan.logFile).length;
  const rand = createPrng(plan.seed + already * 7_919);
  const points = new Set<CrashPointName>(plan.points ?? CRASH_POINTS);
  const target = pick(rand, [...points]);
  const isExhausted = plan.maxKills !== undefined && already >= plan.maxKills;
  return (name) => {
    if (isExhausted || !points.has(name) || (plan.disarmFile !== undefined && existsSync(plan.disarmFile))) return;
    const probability = name === target ? plan.probability : (plan.backgroundProbability ?? 0);
    if (rand() >= probability) return;
    // Written before the kill so the test can print where kills landed; write(2) survives SIGKILL.
    appendFileSync(plan.logFile, `${name}\n`);
    kill();
  };
}
