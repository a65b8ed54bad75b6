// The period's events as the legs of its one batch (settlement.ts): each event becomes one or
// two legs (a debit, a credit, an amount and a code), with the phase that orders the batch:
// person credits first, flagged basic-needs debits last, everything else between.
import type { AccountId, PersonId, PoolId, ProjectId } from '../ids.ts';
import type { AccountKind } from '../ledger/types.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import { compareIds, effortMilli, mulDivRoundHalfEven, PPM_ONE, scaleByPpm } from '../units.ts';
import type { PeriodEvent, SettlementFailureCode, SettlementInput } from './settlement-types.ts';

export interface Leg {
  readonly phase: 0 | 1 | 2;
  readonly order: string;
  readonly debit: AccountId;
  readonly credit: AccountId;
  readonly amount: number;
  readonly code: string;
  readonly reference?: string;
  readonly basicNeeds: boolean;
  readonly alreadyPosted: boolean;
}

export function legOf(
  order: string,
  debit: AccountId,
  credit: AccountId,
  amount: number,
  code: string,
): Leg {
  return { phase: 1, order, debit, credit, amount, code, basicNeeds: false, alreadyPosted: false };
}

class UnknownAccount extends Error {}

/** Amounts must be safe integers ≥ 0 (only an estimate adjustment carries a sign); a
 *  discount lies within 0..100 %. */
function badAmount(event: PeriodEvent): boolean {
  if (event.kind === 'estimateAdjustment') return !Number.isSafeInteger(event.uncoveredEffortMilli);
  if (event.kind === 'federationWriteOff')
    return !Number.isSafeInteger(event.writtenOffEffortMilli);
  if (event.kind === 'take' && event.pricing?.kind === 'discount') {
    const d = event.pricing.discountPpm;
    if (!Number.isSafeInteger(d) || d < 0 || d > PPM_ONE) return true;
  }
  const amounts =
    event.kind === 'take'
      ? [event.units, event.postedUnitPriceEffortMilli]
      : [event.amountEffortMilli];
  return amounts.some((a) => !Number.isSafeInteger(a) || a < 0);
}

/** The period's events in id order, each checked once: no id twice, every amount an integer. */
export function checkedEvents(
  input: SettlementInput,
): Result<readonly PeriodEvent[], Failure<SettlementFailureCode>> {
  const events = [...input.events].sort((a, b) => compareIds(a.id, b.id));
  for (let i = 0; i < events.length; i += 1) {
    if (i > 0 && events[i - 1]!.id === events[i]!.id) {
      return failure('pool.duplicate_event', `event ${events[i]!.id} appears twice`);
    }
    if (badAmount(events[i]!)) {
      return failure('pool.bad_amount', `event ${events[i]!.id}: amounts must be integers ≥ 0`);
    }
  }
  const later = input.laterSurplusEffortMilli ?? 0;
  if (!Number.isSafeInteger(later)) {
    return failure('pool.bad_amount', `laterSurplusEffortMilli ${later} must be an integer`);
  }
  return ok(events);
}

/** What the events book: their legs and the base of the price factor (postings at posted price). */
export interface EventLegs {
  readonly legs: Leg[];
  readonly baseEffortMilli: number;
}

/** The legs of the events, or the first account the chart does not have. */
export function eventLegs(
  input: SettlementInput,
  events: readonly PeriodEvent[],
  kinds: ReadonlyMap<AccountId, AccountKind>,
): Result<EventLegs, Failure<SettlementFailureCode>> {
  const { chart } = input;
  const account = (what: string, id: AccountId | undefined): AccountId => {
    if (id === undefined) throw new UnknownAccount(what);
    return id;
  };
  const person = (id: PersonId) => account(`person ${id}`, chart.persons.get(id));
  const project = (id: ProjectId) => account(`project ${id}`, chart.projects.get(id));
  const federation = (id: PoolId) => account(`federated pool ${id}`, chart.federation.get(id));

  const legs: Leg[] = [];
  const push = (
    order: string,
    debit: AccountId,
    credit: AccountId,
    amount: number,
    code: string,
    extra: { reference?: string; basicNeeds?: boolean; alreadyPosted?: boolean } = {},
  ): void => {
    if (amount === 0) return;
    const basicNeeds = extra.basicNeeds === true && kinds.get(debit) === 'person';
    const phase =
      kinds.get(credit) === 'person' && kinds.get(debit) !== 'person' ? 0 : basicNeeds ? 2 : 1;
    legs.push({
      phase,
      order,
      debit,
      credit,
      amount,
      code,
      ...(extra.reference === undefined ? {} : { reference: extra.reference }),
      basicNeeds,
      alreadyPosted: extra.alreadyPosted === true,
    });
  };

  let base = 0;
  const factor = input.priceFactorPpm;
  /** A charge at posted price × factor: the project gets the posted price, the difference
   *  is recovered into (factor > 1) or paid from (factor < 1) the pool's system accounts. */
  const factorCharge = (
    order: string,
    payer: AccountId,
    projectAccount: AccountId,
    posted: number,
    code: string,
    reference: string,
    basicNeeds: boolean,
  ): void => {
    base += posted;
    const charge = scaleByPpm(effortMilli(posted), factor);
    push(`${order}.a`, payer, projectAccount, Math.min(charge, posted), code, {
      reference,
      basicNeeds,
    });
    if (charge > posted) {
      push(`${order}.b`, payer, chart.adjustmentAccountId, charge - posted, 'price.factor', {
        reference,
        basicNeeds,
      });
    } else if (charge < posted) {
      push(`${order}.b`, chart.premiumAccountId, projectAccount, posted - charge, 'price.factor', {
        reference,
      });
    }
  };

  try {
    for (const e of events) {
      switch (e.kind) {
        case 'work':
          push(e.id, project(e.projectId), person(e.personId), e.amountEffortMilli, 'work.credit', {
            alreadyPosted: e.alreadyPosted === true,
          });
          break;
        case 'take': {
          const posted = mulDivRoundHalfEven(e.postedUnitPriceEffortMilli, e.units, 1);
          const pricing = e.pricing ?? { kind: 'factor' };
          const basicNeeds = e.basicNeeds === true;
          const payer = person(e.personId);
          const producer = project(e.projectId);
          if (pricing.kind === 'factor') {
            factorCharge(e.id, payer, producer, posted, 'take.goods', e.productId, basicNeeds);
          } else if (pricing.kind === 'auction') {
            push(e.id, payer, producer, posted, 'take.goods', {
              reference: e.productId,
              basicNeeds,
            });
          } else {
            const charged = mulDivRoundHalfEven(posted, PPM_ONE - pricing.discountPpm, PPM_ONE);
            push(`${e.id}.a`, payer, producer, charged, 'take.discounted', {
              reference: e.productId,
              basicNeeds,
            });
            push(
              `${e.id}.b`,
              chart.adjustmentAccountId,
              producer,
              posted - charged,
              'adjustment.discount',
              {
                reference: e.productId,
              },
            );
          }
          break;
        }
        case 'flatRateShare':
          factorCharge(
            e.id,
            person(e.personId),
            project(e.projectId),
            e.amountEffortMilli,
            'share.flatRate',
            e.bundleId,
            e.basicNeeds === true,
          );
          break;
        case 'premium':
          push(
            e.id,
            person(e.personId),
            chart.premiumAccountId,
            e.amountEffortMilli,
            e.commitmentDuePeriod === undefined ? 'premium' : 'premium.commitment',
            { reference: e.productId },
          );
          break;
        case 'projectInput':
          push(
            e.id,
            project(e.consumerProjectId),
            project(e.producerProjectId),
            e.amountEffortMilli,
            'project.input',
            { reference: e.productId },
          );
          break;
        case 'writeOff':
          push(
            e.id,
            chart.adjustmentAccountId,
            project(e.projectId),
            e.amountEffortMilli,
            'adjustment.writeOff',
          );
          break;
        case 'preOrderCancellation':
          push(
            e.id,
            person(e.personId),
            project(e.projectId),
            e.amountEffortMilli,
            'take.cancelled',
            {
              reference: e.productId,
            },
          );
          break;
        case 'forgiveness':
          push(
            e.id,
            chart.adjustmentAccountId,
            person(e.personId),
            e.amountEffortMilli,
            'adjustment.forgiven',
          );
          break;
        case 'estimateAdjustment': {
          const amount = e.uncoveredEffortMilli;
          const producer = project(e.projectId);
          if (amount > 0) {
            push(e.id, chart.adjustmentAccountId, producer, amount, 'adjustment.estimate', {
              reference: e.productId,
            });
          } else {
            push(e.id, producer, chart.adjustmentAccountId, -amount, 'adjustment.estimate', {
              reference: e.productId,
            });
          }
          break;
        }
        case 'federationTake':
          push(
            e.id,
            person(e.personId),
            federation(e.otherPoolId),
            e.amountEffortMilli,
            'federation.take',
          );
          break;
        case 'federationSupply':
          push(
            e.id,
            federation(e.otherPoolId),
            project(e.projectId),
            e.amountEffortMilli,
            'federation.supply',
          );
          break;
        case 'federationWork':
          push(
            e.id,
            federation(e.otherPoolId),
            person(e.personId),
            e.amountEffortMilli,
            'federation.work',
          );
          break;
        case 'federationWorkHosted':
          push(
            e.id,
            project(e.projectId),
            federation(e.otherPoolId),
            e.amountEffortMilli,
            'federation.workHosted',
          );
          break;
        case 'federationWriteOff': {
          // A positive balance (this pool owes) is forgiven: a gain for the adjustment
          // account; a negative one (this pool is owed) is given up: a loss for it.
          const amount = e.writtenOffEffortMilli;
          const account = federation(e.otherPoolId);
          if (amount > 0) {
            push(e.id, account, chart.adjustmentAccountId, amount, 'federation.writeOff');
          } else {
            push(e.id, chart.adjustmentAccountId, account, -amount, 'federation.writeOff');
          }
          break;
        }
      }
    }
    for (const m of input.members) person(m.personId);
    for (const d of input.inventory) project(d.projectId);
  } catch (error) {
    if (error instanceof UnknownAccount) {
      return failure(
        'pool.unknown_account',
        `${error.message} has no account in pool ${chart.poolId}`,
      );
    }
    throw error;
  }
  return ok({ legs, baseEffortMilli: base });
}
