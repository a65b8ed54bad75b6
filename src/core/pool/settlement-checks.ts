// What a period's settlement must prove before it returns (settlement.ts): every member within
// the allowance at the lowest point the ledger will see, and the pool identity.
import type { AccountId, PersonId } from '../ids.ts';
import type { AccountKind } from '../ledger/types.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import { compareIds, sumIntegers } from '../units.ts';
import type { PoolChart } from './chart.ts';
import type { Leg } from './settlement-legs.ts';
import type {
  MemberSettings,
  MemberStatement,
  PoolIdentity,
  SettlementFailureCode,
  SettlementInput,
} from './settlement-types.ts';

interface Flow {
  credits: number;
  debits: number;
  flagged: number;
  unflaggedNew: boolean;
}

/**
 * Each person's statement, checked against the bound. The ledger checks every debit in batch
 * order; credits come first and flagged basic-needs debits last, so a person's lowest point
 * before the flagged debits is the closing balance without them.
 */
export function memberStatements(
  chart: PoolChart,
  openingBalances: ReadonlyMap<AccountId, number>,
  members: readonly MemberSettings[],
  legs: readonly Leg[],
  donated: ReadonlyMap<PersonId, number>,
): Result<MemberStatement[], Failure<SettlementFailureCode>> {
  const allowanceOf = new Map(members.map((m) => [m.personId, m.allowanceEffortMilli]));
  // One pass over the legs (linear in the period's size, whatever the number of members).
  const flows = new Map<AccountId, Flow>();
  const flowOf = (id: AccountId) => {
    let flow = flows.get(id);
    if (!flow) {
      flow = { credits: 0, debits: 0, flagged: 0, unflaggedNew: false };
      flows.set(id, flow);
    }
    return flow;
  };
  for (const leg of legs) {
    const debit = flowOf(leg.debit);
    debit.debits += leg.amount;
    if (leg.basicNeeds) debit.flagged += leg.amount;
    else if (!leg.alreadyPosted) debit.unflaggedNew = true;
    flowOf(leg.credit).credits += leg.amount;
  }
  const statements: MemberStatement[] = [];
  for (const [personId, accountId] of [...chart.persons].sort((a, b) => compareIds(a[0], b[0]))) {
    const opening = openingBalances.get(accountId) ?? 0;
    const flow = flows.get(accountId) ?? { credits: 0, debits: 0, flagged: 0, unflaggedNew: false };
    const { credits, debits, flagged, unflaggedNew } = flow;
    const allowance = allowanceOf.get(personId);
    const closing = opening + credits - debits;
    if (allowance !== undefined && unflaggedNew && closing + flagged < -allowance) {
      return failure(
        'pool.bound_exceeded',
        `${personId} would reach ${closing + flagged} mWH before basic-needs takings, below −${allowance}`,
      );
    }
    const inArrears = allowance !== undefined && closing < -allowance;
    statements.push({
      personId,
      openingEffortMilli: opening,
      creditsEffortMilli: credits,
      debitsEffortMilli: debits - (donated.get(personId) ?? 0),
      donatedEffortMilli: donated.get(personId) ?? 0,
      closingEffortMilli: closing,
      status: inArrears ? 'inArrears' : 'ok',
      basicNeedsException: inArrears && flagged > 0 && closing + flagged >= -allowance,
    });
  }
  return ok(statements);
}

/** The pool identity of the top of settlement.ts, or the projects whose books and declared
 *  inventory change differ. */
export function poolIdentity(
  input: SettlementInput,
  kinds: ReadonlyMap<AccountId, AccountKind>,
  balances: ReadonlyMap<AccountId, number>,
): Result<PoolIdentity, Failure<SettlementFailureCode>> {
  const delta = (kind: AccountKind): number => {
    let sum = 0;
    for (const [id, k] of kinds) {
      if (k === kind) sum += balances.get(id)! - (input.openingBalances.get(id) ?? 0);
    }
    return sum;
  };
  const declared = new Map(
    input.inventory.map((d) => [d.projectId, d.closingEffortMilli - d.openingEffortMilli]),
  );
  const mismatches: string[] = [];
  for (const [projectId, accountId] of [...input.chart.projects].sort((a, b) =>
    compareIds(a[0], b[0]),
  )) {
    const book = -(balances.get(accountId)! - (input.openingBalances.get(accountId) ?? 0));
    const said = declared.get(projectId) ?? 0;
    if (book !== said)
      mismatches.push(`${projectId}: books ${book}, declared ${said}, difference ${book - said}`);
  }
  const identity: PoolIdentity = {
    personsNetEffortMilli: delta('person'),
    inventoryChangeEffortMilli: sumIntegers(declared.values()),
    adjustmentEffortMilli: -delta('adjustment'),
    premiumEffortMilli: delta('premium'),
    redistributionChangeEffortMilli: delta('redistribution'),
    federationChangeEffortMilli: delta('federation'),
    poolAccountChangeEffortMilli: delta('pool'),
  };
  const rightHandSide =
    identity.inventoryChangeEffortMilli +
    identity.adjustmentEffortMilli -
    identity.premiumEffortMilli -
    identity.redistributionChangeEffortMilli -
    identity.federationChangeEffortMilli -
    identity.poolAccountChangeEffortMilli;
  if (mismatches.length > 0 || identity.personsNetEffortMilli !== rightHandSide) {
    return failure(
      'pool.identity_violated',
      `Σ persons ${identity.personsNetEffortMilli} ≠ ${rightHandSide} (difference ` +
        `${identity.personsNetEffortMilli - rightHandSide} mWH); ${mismatches.join('; ')}`,
    );
  }
  return ok(identity);
}
