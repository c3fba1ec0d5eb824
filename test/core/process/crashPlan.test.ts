import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrashPointName } from '../../../electron/core/util/crashPoints.js';
import { crashHandlerFor, killsLogged, readCrashPlan } from './crashPlan.js';

describe('crash plan (demo worker)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wa-inbox-crashplan-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const points: CrashPointName[] = ['after-decrypt', 'in-store-transaction', 'before-receipt', 'after-receipt'];

  /** Runs incarnations until one dies; returns the point it died at. */
  function incarnation(plan: Parameters<typeof crashHandlerFor>[0]): CrashPointName | null {
    let died: CrashPointName | null = null;
    const handler = crashHandlerFor(plan, () => {
      died = killsLogged(plan.logFile).at(-1) as CrashPointName;
    });
    for (let i = 0; i < 1_000 && died === null; i++) handler(points[i % points.length]!);
    return died;
  }

  it('logs the point before killing, spreads kills over points and stops at maxKills', () => {
    const plan = { seed: 1, probability: 0.5, logFile: join(dir, 'kills.log'), maxKills: 40, points };
    const deaths = Array.from({ length: 45 }, () => incarnation(plan));
    expect(deaths.filter((d) => d !== null)).toHaveLength(40);
    expect(killsLogged(plan.logFile)).toEqual(deaths.filter((d) => d !== null));
    expect(new Set(killsLogged(plan.logFile)).size).toBe(points.length);
  });

  it('is reproducible from its seed', () => {
    const run = (sub: string): string[] => {
      const plan = { seed: 9, probability: 0.2, logFile: join(dir, `${sub}.log`), maxKills: 10, points };
      for (let i = 0; i < 10; i++) incarnation(plan);
      return killsLogged(plan.logFile);
    };
    expect(run('a')).toEqual(run('b'));
  });

  it('reads the plan from WA_INBOX_CRASH_PLAN and refuses a malformed one', () => {
    expect(readCrashPlan({})).toBeNull();
    const plan = { seed: 3, probability: 0.1, logFile: '/tmp/x.log' };
    expect(readCrashPlan({ WA_INBOX_CRASH_PLAN: JSON.stringify(plan) })).toEqual(plan);
    expect(() => readCrashPlan({ WA_INBOX_CRASH_PLAN: '{"seed":1,"probability":2,"logFile":"x"}' })).toThrow();
  });
});
