// The pool's settings in force in a period (MODEL.md §5: settings are stored with the period
// they applied to, so old periods can be recomputed). A file gives the settings of period 1 in
// `pool`; a period's `settingsChanges` change them from that period on. Everything the runner
// reads of the pool in period p it reads from `scenarioInForce(file, p)` (decision 0018).

import type { MarketSpec, PoolChangeSpec, PoolSpec, Scenario } from './types.ts';

/** The pool with one change applied: the fields given replace, `market` field by field. */
export function applyPoolChange(pool: PoolSpec, change: PoolChangeSpec): PoolSpec {
  const { market, ...rest } = change;
  return {
    ...pool,
    ...(given(rest) as Partial<PoolSpec>),
    market:
      market === undefined
        ? pool.market
        : { ...pool.market, ...(given(market) as Partial<MarketSpec>) },
  };
}

/** The fields of a partial record that are there (a field left out changes nothing). */
function given(partial: object): object {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
}

/** Whether any period up to p (all periods when absent) changes the settings. */
export function changesSettings(file: Scenario, upTo = file.periods.length): boolean {
  return file.periods.slice(0, upTo).some((x) => x.settingsChanges.length > 0);
}

/**
 * The pool's settings in force in period p: the file's, then every change of periods 1..p in
 * order. `file` must be the file as given (its `pool` the settings of period 1), not a
 * period's view from `scenarioInForce`. For p past the last period, the last period's.
 */
export function poolInForce(file: Scenario, p: number): PoolSpec {
  let pool = file.pool;
  for (const period of file.periods.slice(0, Math.max(0, p))) {
    for (const change of period.settingsChanges) pool = applyPoolChange(pool, change.pool);
  }
  return pool;
}

/** The file as period p sees it: its pool the settings in force in p. The file itself when
 *  nothing changed up to p, so a file without changes runs exactly as it did before. */
export function scenarioInForce(file: Scenario, p: number): Scenario {
  return changesSettings(file, p) ? { ...file, pool: poolInForce(file, p) } : file;
}
