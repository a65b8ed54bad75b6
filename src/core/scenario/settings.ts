// The pool's and the associations' settings in force in a period (MODEL.md §5: settings are
// stored with the period they applied to, so old periods can be recomputed). A file gives the
// settings of period 1 in `pool` and `associations`; a period's `settingsChanges` change them
// from that period on. Everything the runner reads of the pool or of an association's settings
// in period p it reads from `scenarioInForce(file, p)` (decision 0018).

import type {
  AssociationChangeSpec,
  AssociationSpec,
  MarketSpec,
  PeriodSpec,
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
function applyAssociationChange(
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

/** The settings in force in one period, and whether any period up to it changed them. */
export interface SettingsInForce {
  readonly pool: PoolSpec;
  /** The file's own list (the same array) until a period changes an association's. */
  readonly associations: readonly AssociationSpec[];
  /** Some period up to this one changes the settings. */
  readonly changed: boolean;
  /** Some period up to this one changes an association's settings. */
  readonly associationsChanged: boolean;
}

/** The settings of period 1: the file's own. */
function fileSettings(file: Scenario): SettingsInForce {
  return {
    pool: file.pool,
    associations: file.associations,
    changed: false,
    associationsChanged: false,
  };
}

/** The settings in force in a period: those of the period before with its changes applied in
 *  order (the same object when it changes nothing). */
function applyPeriod(before: SettingsInForce, period: PeriodSpec): SettingsInForce {
  if (period.settingsChanges.length === 0) return before;
  let { pool, associations, associationsChanged } = before;
  for (const change of period.settingsChanges) {
    if (change.pool !== undefined) pool = applyPoolChange(pool, change.pool);
    if (change.associations === undefined) continue;
    associationsChanged = true;
    for (const c of change.associations) {
      associations = associations.map((a) => (a.id === c.id ? applyAssociationChange(a, c) : a));
    }
  }
  return { pool, associations, changed: true, associationsChanged };
}

/**
 * The settings in force in each period (period p at index p − 1): the file's, then every
 * change of periods 1..p in order, in one pass, so a run reads each period's without applying
 * every earlier change again. `file` must be the file as given (its `pool` the settings of
 * period 1), not a period's view from `scenarioInForce`.
 */
export function settingsTimeline(file: Scenario): SettingsInForce[] {
  const timeline: SettingsInForce[] = [];
  let inForce = fileSettings(file);
  for (const period of file.periods) {
    inForce = applyPeriod(inForce, period);
    timeline.push(inForce);
  }
  return timeline;
}

/** The settings in force in period p, read from the file's timeline (a run passes the one it
 *  derived already); for p past the last period, the last period's. */
function settingsAt(
  file: Scenario,
  p: number,
  timeline: readonly SettingsInForce[] = settingsTimeline(file),
): SettingsInForce {
  return timeline[Math.min(p, timeline.length) - 1] ?? fileSettings(file);
}

/** The pool's settings in force in period p (see `settingsTimeline`). */
export function poolInForce(
  file: Scenario,
  p: number,
  timeline?: readonly SettingsInForce[],
): PoolSpec {
  return settingsAt(file, p, timeline).pool;
}

/** The file as period p sees it, from the settings in force in p: the file itself when
 *  nothing changed up to p, so a file without changes runs exactly as it did before. */
export function withSettings(file: Scenario, inForce: SettingsInForce): Scenario {
  return inForce.changed
    ? { ...file, pool: inForce.pool, associations: inForce.associations }
    : file;
}

/** The file as period p sees it: its pool and associations the settings in force in p. */
export function scenarioInForce(file: Scenario, p: number): Scenario {
  return withSettings(file, settingsAt(file, p));
}
