// "What if": the pool's closed periods as a scenario (its settings and every input as stored),
// and the same with one setting changed: the task weight cap, the clearing rule, or the debit
// allowance. Both run apart from the server and are compared period by period.
import type { ClearingRuleSpec, Scenario } from '../../../core/scenario/index.ts';

export const WHAT_IF_SETTINGS = ['cap', 'clearingRule', 'allowance'] as const;
export type WhatIfSetting = (typeof WHAT_IF_SETTINGS)[number];

const CLEARING_RULES: readonly ClearingRuleSpec[] = ['lowest', 'highest'];

export type ParsedChange =
  | { readonly ok: true; readonly apply: (scenario: Scenario) => Scenario }
  | { readonly ok: false; readonly error: 'value' | 'setting'; readonly hint: string };

/** A decimal with at most three places ("2.5", "2,5") as thousandths; null if it is not one. */
export function thousandths(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,3}))?\s*$/.exec(text);
  if (match === null) return null;
  return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
}

/** The change the form asks for, checked against the pool's settings. */
export function parseChange(scenario: Scenario, setting: string, value: string): ParsedChange {
  const pool = scenario.pool;
  const withPool = (next: Partial<typeof pool>) => (s: Scenario) => ({
    ...s,
    pool: { ...s.pool, ...next },
  });
  if (setting === 'cap') {
    const milli = thousandths(value);
    if (milli === null || milli < pool.market.minWeightMilli || milli > 100_000) {
      return { ok: false, error: 'value', hint: 'cap' };
    }
    return { ok: true, apply: withPool({ market: { ...pool.market, capWeightMilli: milli } }) };
  }
  if (setting === 'clearingRule') {
    if (!CLEARING_RULES.includes(value as ClearingRuleSpec)) {
      return { ok: false, error: 'value', hint: 'clearingRule' };
    }
    return {
      ok: true,
      apply: withPool({ market: { ...pool.market, clearingRule: value as ClearingRuleSpec } }),
    };
  }
  if (setting === 'allowance') {
    const milli = thousandths(value);
    if (milli === null || milli > 1_000_000_000) {
      return { ok: false, error: 'value', hint: 'allowance' };
    }
    return { ok: true, apply: withPool({ allowanceEffortMilli: milli }) };
  }
  return { ok: false, error: 'setting', hint: 'setting' };
}

/** The scenario of the pool's first `closed` periods. */
export const closedScenario = (scenario: Scenario, closed: number): Scenario => ({
  ...scenario,
  periods: scenario.periods.slice(0, closed),
});
