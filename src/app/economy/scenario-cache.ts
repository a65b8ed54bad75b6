// The pool as a scenario, kept in memory between requests. Every member page and every what-if
// starts from the pool's scenario, and assembling it from the whole input log costs what the
// pool's history holds: at five years of weekly periods, hundreds of thousands of rows for one
// page. A kept scenario is read again only while the pool's input sequence number and open
// period are what it was assembled at; when only inputs were appended since, those few are
// loaded by sequence number and appended to the kept lists, which is what assembling the whole
// log would do (`assembleScenario` puts every input at the end of its list, in log order).
// A withdrawal takes a sequence number without leaving a row (input-appending.ts), so fewer
// rows than numbers since means something was withdrawn, and the scenario is assembled anew;
// so is it when a period opens. The kept scenario is checked against the database on every
// read, so several server processes on one PostgreSQL database each stay right.
import { assembleScenario, type PoolInput } from '../../core/cycle/inputs.ts';
import type { Scenario } from '../../core/scenario/index.ts';
import type { EconomyTransaction, StoredPool } from '../ports/economy-store.ts';

interface Kept {
  readonly nextSeq: number;
  readonly period: number;
  readonly scenario: Scenario;
}

/** `scenario` with `added` (inputs of its periods, in log order) at the end of their lists. */
function withAppended(scenario: Scenario, added: readonly PoolInput[]): Scenario {
  const periods = scenario.periods.length;
  const extra = assembleScenario({} as never, added, periods) as unknown as Record<string, unknown>;
  const base = scenario as unknown as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    if (key === 'periods' || !Array.isArray(value) || value.length === 0) continue;
    merged[key] = [...(base[key] as unknown[]), ...value];
  }
  const extraPeriods = extra.periods as Record<string, unknown[]>[];
  merged.periods = scenario.periods.map((spec, index) => {
    const more = extraPeriods[index]!;
    if (!Object.values(more).some((list) => list.length > 0)) return spec;
    const old = spec as unknown as Record<string, unknown[]>;
    return Object.fromEntries(
      Object.entries(old).map(([kind, list]) => [kind, [...list, ...(more[kind] ?? [])]]),
    );
  });
  return merged as unknown as Scenario;
}

export function createScenarioCache() {
  const kept = new Map<string, Kept>();

  /** The pool's scenario through its open period, in the caller's transaction. */
  async function scenarioOf(tx: EconomyTransaction, pool: StoredPool): Promise<Scenario> {
    const period = pool.cycle.period;
    const held = kept.get(pool.poolId);
    let scenario: Scenario | undefined;
    if (held !== undefined && held.period === period) {
      if (held.nextSeq === pool.nextSeq) return held.scenario;
      const since = await tx.loadInputsFrom(pool.poolId, held.nextSeq);
      if (since.length === pool.nextSeq - held.nextSeq)
        scenario = withAppended(held.scenario, since);
    }
    scenario ??= assembleScenario(pool.settings, await tx.loadInputs(pool.poolId), period);
    kept.set(pool.poolId, { nextSeq: pool.nextSeq, period, scenario });
    return scenario;
  }

  return { scenarioOf, forget: (poolId: string) => kept.delete(poolId) };
}
