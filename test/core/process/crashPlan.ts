import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CrashPointName } from '../../../electron/core/util/crashPoints.js';
import { createPrng } from '../../support/prng.js';

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
 *   {"seed": 7, "probability": 0.05, "logFile": "/tmp/kills.log", "maxKills": 60, "points": [...]}
 * Each instrumented point fires with `probability`; the PRNG is seeded with `seed` plus the number
 * of kills already logged, so a run is reproducible and each incarnation draws a fresh sequence
 * (the same seed every time would kill at the same spot forever).
 */
export const CrashPlanSchema = z.strictObject({
  seed: z.number().int(),
  probability: z.number().min(0).max(1),
  logFile: z.string().min(1),
  maxKills: z.number().int().nonnegative().optional(),
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
export function crashHandlerFor(plan: CrashPlan, kill: () => void = () => process.kill(process.pid, 'SIGKILL')) {
  const already = killsLogged(plan.logFile).length;
  const rand = createPrng(plan.seed + already * 7_919);
  const points = new Set<CrashPointName>(plan.points ?? CRASH_POINTS);
  const isExhausted = plan.maxKills !== undefined && already >= plan.maxKills;
  return (name: CrashPointName): void => {
    if (isExhausted || !points.has(name) || rand() >= plan.probability) return;
    // Written before the kill so the test can print where kills landed; write(2) survives SIGKILL.
    appendFileSync(plan.logFile, `${name}\n`);
    kill();
  };
}
