// The benchmark's ledger: 1,000 accounts of one pool (100 projects, 900 persons) and work
// credits or takings between a random project and a random person, from a seed, so every run
// and every backend posts exactly the same requests.
import { type AccountId, asId, type PoolId, type TransferId } from '../../src/core/ids.ts';
import type { OpenAccountCommand, TransferRequest } from '../../src/core/ledger/index.ts';
import { drawBelow, mulberry32 } from '../../src/core/random.ts';

export const BENCH_POOL = asId<'Pool'>('pool-bench') as PoolId;
export const PROJECTS = 100;
export const ACCOUNTS = 1_000;
/** Large enough that no taking is refused, so every request posts and counts. */
const PERSON_ALLOWANCE = 1_000_000_000_000;
export const AMOUNT_MAX_BENCH = 50_000;

/** Account `a<i>`: projects below PROJECTS, persons above (pgbench builds the same ids). */
export const accountIdOf = (index: number) => asId<'Account'>(`a${index}`) as AccountId;

export function benchAccounts(): OpenAccountCommand[] {
  const accounts: OpenAccountCommand[] = [];
  for (let i = 0; i < ACCOUNTS; i += 1) {
    const project = i < PROJECTS;
    accounts.push({
      id: accountIdOf(i),
      poolId: BENCH_POOL,
      unit: 'effort',
      kind: project ? 'project' : 'person',
      ownerId: `owner-${i}`,
      bound: project
        ? { kind: 'unbounded' }
        : { kind: 'debitAllowance', allowance: PERSON_ALLOWANCE },
    });
  }
  return accounts;
}

/** `count` requests with ids `<prefix>-<n>`, deterministic in the seed. */
export function benchRequests(seed: number, prefix: string, count: number): TransferRequest[] {
  const next = mulberry32(seed);
  const requests: TransferRequest[] = [];
  for (let n = 0; n < count; n += 1) {
    const project = accountIdOf(drawBelow(next, PROJECTS));
    const person = accountIdOf(PROJECTS + drawBelow(next, ACCOUNTS - PROJECTS));
    const work = drawBelow(next, 2) === 0;
    requests.push({
      id: asId<'Transfer'>(`${prefix}-${n}`) as TransferId,
      debitAccountId: work ? project : person,
      creditAccountId: work ? person : project,
      amount: 1 + drawBelow(next, AMOUNT_MAX_BENCH),
      unit: 'effort',
      code: work ? 'work.credit' : 'take.goods',
      period: 1,
    });
  }
  return requests;
}

/** Latency percentiles (nearest rank) in ms. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.min(sortedMs.length, Math.max(1, Math.ceil(p * sortedMs.length)));
  return sortedMs[rank - 1] ?? Number.NaN;
}
