// The pool's and the associations' settings in force in a period (MODEL.md §5: settings are
// stored with the period they applied to, so old periods can be recomputed). A file gives the
// settings of period 1 in `pool` and `associations`; a period's `settingsChanges` change them
// from that period on. Everything the runner reads of the pool or of an association's settings
// in period p it reads from `scenarioInForce(file, p)` (decision 0018).

import type {
  AssociationChangeSpec,
  AssociationSpec,
  MarketSpec,
  PoolChangeSpec,
  PoolSpec,
  Scenario,
} from './types.ts';

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

/** The association with one change applied: the fields given replace (`allowances` whole). */
export function applyAssociationChange(
  association: AssociationSpec,
  change: AssociationChangeSpec,
): AssociationSpec {
  const { id: _id, ...rest } = change;
  return { ...association, ...(given(rest) as Partial<AssociationSpec>) };
}

/** The fields of a partial record that are there (a field left out changes nothing). */
function given(partial: object): object {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
}

/** Whether any period up to p (all periods when absent) changes the settings. */
export function changesSettings(file: Scenario, upTo = file.periods.length): boolean {
  return file.periods.slice(0, upTo).some((x) => x.settingsChanges.length > 0);
}

/** Whether any period up to p changes an association's settings. */
export function changesAssociations(file: Scenario, upTo = file.periods.length): boolean {
  return file.periods
    .slice(0, upTo)
    .some((x) => x.settingsChanges.some((c) => c.associations !== undefined));
}

/**
 * The pool's settings in force in period p: the file's, then every change of periods 1..p in
 * order. `file` must be the file as given (its `pool` the settings of period 1), not a
 * period's view from `scenarioInForce`. For p past the last period, the last period's.
 */
export function poolInForce(file: Scenario, p: number): PoolSpec {
  let pool = file.pool;
  for (const period of file.periods.slice(0, Math.max(0, p))) {
    for (const change of period.settingsChanges) {
      if (change.pool !== undefined) pool = applyPoolChange(pool, change.pool);
    }
  }
  return pool;
}

/** The associations with their settings in force in period p, in the file's order; like
 *  `poolInForce`, `file` must be the file as given. */
export function associationsInForce(file: Scenario, p: number): readonly AssociationSpec[] {
  const changes = file.periods
    .slice(0, Math.max(0, p))
    .flatMap((period) => period.settingsChanges.flatMap((c) => c.associations ?? []));
  if (changes.length === 0) return file.associations;
  return file.associations.map((a) =>
    changes.filter((c) => c.id === a.id).reduce(applyAssociationChange, a),
  );
}

/** The file as period p sees it: its pool and associations the settings in force in p. The
 *  file itself when nothing changed up to p, so a file without changes runs exactly as it did
 *  before. */
export function scenarioInForce(file: Scenario, p: number): Scenario {
  return changesSettings(file, p)
    ? { ...file, pool: poolInForce(file, p), associations: associationsInForce(file, p) }
    : file;
}
