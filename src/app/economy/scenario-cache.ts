// The pool as a scenario, kept in memory between requests (kept-by-seq.ts). Every member page
// and every what-if starts from the pool's scenario, and assembling it from the whole input log
// costs what the pool's history holds: at five years of weekly periods, hundreds of thousands of
// rows for one page. Inputs appended since are appended to the kept lists, which is what
// assembling the whole log would do (`assembleScenario` puts every input at the end of its
// list, in log order).
import { assembleScenario, type PoolInput } from '../../core/cycle/inputs.ts';
import type { Scenario } from '../../core/scenario/index.ts';
import type { EconomyTransaction, StoredPool } from '../ports/economy-store.ts';
import { keptBySeq } from './kept-by-seq.ts';

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
  const kept = keptBySeq<Scenario>(
    async (tx, pool, period) =>
      assembleScenario(pool.settings, await tx.loadInputs(pool.poolId), period),
    (held, since) => withAppended(held, since),
  );
  /** The pool's scenario through its open period, in the caller's transaction. */
  const scenarioOf = (tx: EconomyTransaction, pool: StoredPool) =>
    kept.keptOf(tx, pool, pool.cycle.period);
  return { scenarioOf, forget: kept.forget };
}
