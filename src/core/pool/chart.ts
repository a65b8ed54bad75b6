// The chart of accounts of one pool's effort ledger: which account a person, a project, the
// pool's system accounts and each federated pool post to. Settlement only ever names accounts
// through the chart, so the application decides the ids and the core stays free of storage.

import type { AccountId, PersonId, PoolId, ProjectId } from '../ids.ts';
import { asId } from '../ids.ts';
import type { AccountKind } from '../ledger/types.ts';

export interface PoolChart {
  readonly poolId: PoolId;
  /** Premiums and donations to the pool: lowers the next price factor. */
  readonly premiumAccountId: AccountId;
  /** Uncovered effort (discounts, write-offs, estimate errors) and price-factor recoveries. */
  readonly adjustmentAccountId: AccountId;
  readonly redistributionAccountId: AccountId;
  /** The pool's own account: per-head distributions pass through it. */
  readonly poolAccountId: AccountId;
  readonly persons: ReadonlyMap<PersonId, AccountId>;
  readonly projects: ReadonlyMap<ProjectId, AccountId>;
  /** One account per federated pool, holding what is owed between the two pools. */
  readonly federation: ReadonlyMap<PoolId, AccountId>;
}

/** Ids by a fixed convention, `<pool>.<kind>[.<owner>]`, for tests and simple deployments. */
export function conventionalChart(
  poolId: PoolId,
  persons: readonly PersonId[],
  projects: readonly ProjectId[],
  federatedPools: readonly PoolId[] = [],
): PoolChart {
  const id = (suffix: string) => asId<'Account'>(`${poolId}.${suffix}`);
  return {
    poolId,
    premiumAccountId: id('premium'),
    adjustmentAccountId: id('adjustment'),
    redistributionAccountId: id('redistribution'),
    poolAccountId: id('pool'),
    persons: new Map(persons.map((p) => [p, id(`person.${p}`)])),
    projects: new Map(projects.map((p) => [p, id(`project.${p}`)])),
    federation: new Map(federatedPools.map((p) => [p, id(`federation.${p}`)])),
  };
}

/** The kind of every account in the chart, for statements and for opening the accounts. */
export function accountKinds(chart: PoolChart): Map<AccountId, AccountKind> {
  const kinds = new Map<AccountId, AccountKind>([
    [chart.premiumAccountId, 'premium'],
    [chart.adjustmentAccountId, 'adjustment'],
    [chart.redistributionAccountId, 'redistribution'],
    [chart.poolAccountId, 'pool'],
  ]);
  for (const account of chart.persons.values()) kinds.set(account, 'person');
  for (const account of chart.projects.values()) kinds.set(account, 'project');
  for (const account of chart.federation.values()) kinds.set(account, 'federation');
  return kinds;
}
