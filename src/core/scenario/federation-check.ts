// Cross-reference checks of a file with federated pools (decision 0012), with the path of the
// offending field: each federated pool is a scenario of its own (checked like the file's pool,
// its paths under `federation[i].`), with a pool id of its own, at least as many periods as the file's
// pool and no federation of its own; a federation record names another pool of the file, a
// person of its own pool, and a product, or a project and one who may confirm its work (a
// maintainer or a peer it names, by the project's `confirmationPolicy`), of the other;
// a write-off names another pool of the file, and one pair of pools closes its position at
// most once a period (recorded in either pool's file, not both).

import type { PersonId } from '../ids.ts';
import { confirmationPolicy, mayConfirm } from '../project/index.ts';
import { type Err, type Failure, failure, type Result } from '../result.ts';
import type { ScenarioCheckCode } from './check.ts';
import { repeatedIn, unknownAt } from './check-paths.ts';
import { projectView } from './project-view.ts';
import type { Scenario } from './types.ts';

type Check = (
  s: Scenario,
  pools: ReadonlyMap<string, Scenario>,
) => Result<Scenario, Failure<ScenarioCheckCode>>;

function checkRecords(
  s: Scenario,
  pools: ReadonlyMap<string, Scenario>,
): Err<Failure<ScenarioCheckCode>> | null {
  const persons = new Set(s.persons.map((x) => x.id));
  /** The other pool of the file a record names, or null. */
  const other = (poolId: string) => {
    const pool = pools.get(poolId);
    return pool === undefined || poolId === s.pool.id ? null : pool;
  };
  for (const [p, period] of s.periods.entries()) {
    const path = `periods[${p}]`;
    const takenTwice = repeatedIn(`${path}.federationTakes`);
    for (const [k, t] of period.federationTakes.entries()) {
      const at = `${path}.federationTakes[${k}]`;
      const host = other(t.poolId);
      if (host === null) return unknownAt(`${at}.poolId`, 'federated pool', t.poolId);
      if (!persons.has(t.personId)) return unknownAt(`${at}.personId`, 'person', t.personId);
      if (!host.products.some((x) => x.id === t.productId)) {
        return unknownAt(`${at}.productId`, `product of pool "${t.poolId}"`, t.productId);
      }
      const twice = takenTwice(k, `${t.poolId}|${t.personId}|${t.productId}`);
      if (twice) return twice;
    }
    const workTwice = repeatedIn(`${path}.federationWork`);
    for (const [k, w] of period.federationWork.entries()) {
      const at = `${path}.federationWork[${k}]`;
      const twice = workTwice(k, w.id);
      if (twice) return twice;
      const host = other(w.poolId);
      if (host === null) return unknownAt(`${at}.poolId`, 'federated pool', w.poolId);
      if (!persons.has(w.personId)) return unknownAt(`${at}.personId`, 'person', w.personId);
      const project = host.projects.find((x) => x.id === w.projectId);
      if (project === undefined) {
        return unknownAt(`${at}.projectId`, `project of pool "${w.poolId}"`, w.projectId);
      }
      if (!mayConfirm(confirmationPolicy(projectView(project)), w.confirmedBy as PersonId)) {
        return failure(
          'scenario.bad_federation',
          `${at}.confirmedBy: "${w.confirmedBy}" is neither a maintainer nor a named ` +
            `confirmer of "${w.projectId}" in pool "${w.poolId}"`,
        );
      }
    }
    const closedTwice = repeatedIn(`${path}.federationWriteOffs`);
    for (const [k, w] of period.federationWriteOffs.entries()) {
      const at = `${path}.federationWriteOffs[${k}]`;
      if (other(w.poolId) === null) return unknownAt(`${at}.poolId`, 'federated pool', w.poolId);
      const twice = closedTwice(k, w.poolId);
      if (twice) return twice;
    }
  }
  return null;
}

/** A pair of pools writes off at most once a period, whichever pool's file records it. */
function checkWriteOffPairs(pools: readonly Scenario[]): Err<Failure<ScenarioCheckCode>> | null {
  const seen = new Map<string, string>();
  for (const [i, pool] of pools.entries()) {
    const prefix = i === 0 ? '' : `federation[${i - 1}].`;
    for (const [p, period] of pool.periods.entries()) {
      for (const [k, w] of period.federationWriteOffs.entries()) {
        const pair = [pool.pool.id, w.poolId].sort().join('|');
        const key = `${p}|${pair}`;
        const at = `${prefix}periods[${p}].federationWriteOffs[${k}]`;
        const first = seen.get(key);
        if (first !== undefined) {
          return failure(
            'scenario.bad_federation',
            `${at}: the position between "${pool.pool.id}" and "${w.poolId}" is already ` +
              `written off in this period at ${first}`,
          );
        }
        seen.set(key, at);
      }
    }
  }
  return null;
}

/**
 * `given` holds every pool of the file when `s` is a federated pool; null for the file itself.
 * `check` is checkScenario, passed in so that each federated pool is checked like the file's.
 */
export function checkFederation(
  s: Scenario,
  given: ReadonlyMap<string, Scenario> | null,
  check: Check,
): Err<Failure<ScenarioCheckCode>> | null {
  if (given !== null) {
    if (s.federation.length > 0) {
      return failure('scenario.bad_federation', 'federation: a federated pool has none of its own');
    }
    return checkRecords(s, given);
  }
  const pools = new Map<string, Scenario>([[s.pool.id, s]]);
  for (const [i, partner] of s.federation.entries()) {
    if (pools.has(partner.pool.id)) {
      return failure(
        'scenario.duplicate_id',
        `federation[${i}].pool.id: "${partner.pool.id}" names another pool of the file`,
      );
    }
    // More periods are fine: the pools run in step for the file's pool's periods (a stored
    // pool opens its periods one by one while its federated pools' files are whole).
    if (partner.periods.length < s.periods.length) {
      return failure(
        'scenario.bad_federation',
        `federation[${i}].periods: ${partner.periods.length} periods, fewer than the file's pool's ` +
          `${s.periods.length}`,
      );
    }
    pools.set(partner.pool.id, partner);
  }
  for (const [i, partner] of s.federation.entries()) {
    const checked = check(partner, pools);
    if (!checked.ok) {
      const { code, detail } = checked.error;
      return failure(code, `federation[${i}].${detail}`);
    }
  }
  return checkRecords(s, pools) ?? checkWriteOffPairs([s, ...s.federation]);
}
