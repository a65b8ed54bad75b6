// Period settlement of a distribution pool (reference §4.9, MODEL.md M8, §6 invariants 3, 4,
// 6). Every event of the period becomes ledger transfers in ONE linked batch; member balances,
// statuses, carry-over donations and the next period's price factor follow; and the POOL
// IDENTITY is checked before anything is returned:
//
//   Σ_persons Δbalance = Σ_projects Δinventory + Adj − Π − ΔR − ΔF − ΔP
//
// Δinventory is what each project DECLARES its stock + work in progress + unamortised means
// of production changed by (counted, not taken from the ledger); Adj = −Δ(adjustment
// balance), Π = Δ(premium balance), R, F and P the redistribution, federation and pool
// accounts. Double entry guarantees the accounts sum to zero, so the identity holds exactly
// when every project's book change (−Δ project balance) equals its declared inventory change;
// a difference is returned as `pool.identity_violated`, naming the project and the mWH.
//
// Order independence: events are processed in id order and the transfers are numbered in a
// canonical order (person credits, then debits, then flagged basic-needs debits last, so the
// ledger's per-transfer bound check sees the same balances this module checked).

import type { DonateChoice } from '../goods/takings.ts';
import type { AccountId, PersonId, PoolId, ProductId, ProjectId, TransferId } from '../ids.ts';
import { asId } from '../ids.ts';
import { BATCH_TRANSFERS_MAX } from '../ledger/index.ts';
import type { AccountKind, TransferRequest } from '../ledger/types.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import {
  compareIds,
  effortMilli,
  mulDivRoundHalfEven,
  PPM_ONE,
  type Ppm,
  type SplitPart,
  scaleByPpm,
  sumIntegers,
} from '../units.ts';
import { accountKinds, type PoolChart } from './chart.ts';
import { nextPriceFactor, type PriceFactorMode, perHeadShares } from './price-factor.ts';

/** How a taking is priced: scaled by the price factor (default), won at auction, discounted. */
export type TakingPricing =
  | { readonly kind: 'factor' }
  | { readonly kind: 'auction' }
  | { readonly kind: 'discount'; readonly discountPpm: Ppm };

export type PeriodEvent =
  | {
      readonly kind: 'work';
      readonly id: string;
      readonly personId: PersonId;
      readonly projectId: ProjectId;
      readonly amountEffortMilli: number;
      /** Credited when confirmed (M2): counted here, not posted again. */
      readonly alreadyPosted?: boolean;
    }
  | {
      readonly kind: 'take';
      readonly id: string;
      readonly personId: PersonId;
      readonly projectId: ProjectId;
      readonly productId: ProductId;
      readonly units: number;
      readonly postedUnitPriceEffortMilli: number;
      readonly pricing?: TakingPricing;
      readonly basicNeeds?: boolean;
    }
  | {
      readonly kind: 'flatRateShare';
      readonly id: string;
      readonly personId: PersonId;
      readonly projectId: ProjectId;
      readonly bundleId: string;
      readonly amountEffortMilli: number;
      readonly basicNeeds?: boolean;
    }
  | {
      readonly kind: 'premium';
      readonly id: string;
      readonly personId: PersonId;
      readonly productId: ProductId;
      readonly amountEffortMilli: number;
      /** Paid as a commitment to contribute by this period (goods/preference.ts). */
      readonly commitmentDuePeriod?: number;
    }
  | {
      readonly kind: 'projectInput';
      readonly id: string;
      readonly consumerProjectId: ProjectId;
      readonly producerProjectId: ProjectId;
      readonly productId: ProductId;
      readonly amountEffortMilli: number;
    }
  | {
      /** Spoilage, waste, means of production abandoned early: uncovered, to the pool. */
      readonly kind: 'writeOff';
      readonly id: string;
      readonly projectId: ProjectId;
      readonly amountEffortMilli: number;
    }
  | {
      /** A pre-order cancelled after production started: the spent share (goods/takings.ts). */
      readonly kind: 'preOrderCancellation';
      readonly id: string;
      readonly personId: PersonId;
      readonly projectId: ProjectId;
      readonly productId: ProductId;
      readonly amountEffortMilli: number;
    }
  | {
      /** A departed member's negative balance forgiven after the pool's term (reference §4.9). */
      readonly kind: 'forgiveness';
      readonly id: string;
      readonly personId: PersonId;
      readonly amountEffortMilli: number;
    }
  | {
      /** (actual − posted) × units taken; positive = under-estimated (effort-price.ts). */
      readonly kind: 'estimateAdjustment';
      readonly id: string;
      readonly projectId: ProjectId;
      readonly productId: ProductId;
      readonly uncoveredEffortMilli: number;
    }
  | {
      /** A member of this pool took goods in a federated pool. */
      readonly kind: 'federationTake';
      readonly id: string;
      readonly personId: PersonId;
      readonly otherPoolId: PoolId;
      readonly amountEffortMilli: number;
    }
  | {
      /** A project of this pool supplied members of a federated pool. */
      readonly kind: 'federationSupply';
      readonly id: string;
      readonly projectId: ProjectId;
      readonly otherPoolId: PoolId;
      readonly amountEffortMilli: number;
    }
  | {
      /**
       * A member of this pool worked for a project of a federated pool (confirmed there): the
       * member is credited here and this pool's claim on the other grows, which is how a pool
       * works off what its members took elsewhere.
       */
      readonly kind: 'federationWork';
      readonly id: string;
      readonly personId: PersonId;
      readonly otherPoolId: PoolId;
      readonly amountEffortMilli: number;
    }
  | {
      /** A project of this pool received work from a member of a federated pool. */
      readonly kind: 'federationWorkHosted';
      readonly id: string;
      readonly projectId: ProjectId;
      readonly otherPoolId: PoolId;
      readonly amountEffortMilli: number;
    }
  | {
      /**
       * The pools agreed to close (part of) their position: this part of the federation
       * balance, with its sign, moves into the adjustment account (federation.ts
       * `federationWriteOffShare`), so every member bears or enjoys it through the price factor.
       */
      readonly kind: 'federationWriteOff';
      readonly id: string;
      readonly otherPoolId: PoolId;
      readonly writtenOffEffortMilli: number;
    };

export interface MemberSettings {
  readonly personId: PersonId;
  readonly allowanceEffortMilli: number;
  readonly carryOverCapEffortMilli: number;
  readonly donateTo: DonateChoice;
  /** Counts for the per-head option (dependents do not). */
  readonly contributing: boolean;
}

export interface InventoryDeclaration {
  readonly projectId: ProjectId;
  /** Stock + work in progress + unamortised means of production, valued in mWH. */
  readonly openingEffortMilli: number;
  readonly closingEffortMilli: number;
}

export interface SettlementInput {
  readonly chart: PoolChart;
  readonly period: number;
  /** Prefix of the transfer ids, unique per settlement (the idempotency key of the batch). */
  readonly batchId: string;
  /** The factor in force during this period. */
  readonly priceFactorPpm: Ppm;
  readonly mode: PriceFactorMode;
  /** Posted balances at the start of the period, before any of its transfers. */
  readonly openingBalances: ReadonlyMap<AccountId, number>;
  readonly events: readonly PeriodEvent[];
  readonly members: readonly MemberSettings[];
  readonly inventory: readonly InventoryDeclaration[];
  /**
   * The most transfers this pool settles in one batch; at most the ledger's limit, which is
   * the default. A pool on a smaller database may set less (a period is all or nothing).
   */
  readonly batchTransfersMax?: number;
  /**
   * What the batches posted AFTER this one in the same period change the premium and
   * adjustment accounts by, together (credits − debits; e.g. resource premiums, 0 by default).
   * The proportional factor counts it, so a premium posted after the settlement lowers the
   * next period's factor like one posted in it; the per-head reading leaves it in the accounts
   * for the next settlement to hand out (docs/decisions/0022).
   */
  readonly laterSurplusEffortMilli?: number;
}

export interface PoolIdentity {
  readonly personsNetEffortMilli: number;
  readonly inventoryChangeEffortMilli: number;
  /** Adj: net uncovered effort charged to the pool in the period. */
  readonly adjustmentEffortMilli: number;
  /** Π: premiums and pool donations collected, net of price-factor spending. */
  readonly premiumEffortMilli: number;
  readonly redistributionChangeEffortMilli: number;
  readonly federationChangeEffortMilli: number;
  readonly poolAccountChangeEffortMilli: number;
}

export interface MemberStatement {
  readonly personId: PersonId;
  readonly openingEffortMilli: number;
  readonly creditsEffortMilli: number;
  readonly debitsEffortMilli: number;
  readonly donatedEffortMilli: number;
  readonly closingEffortMilli: number;
  readonly status: 'ok' | 'inArrears';
  /** Closing below −allowance only because of basic-needs takings (recorded as such). */
  readonly basicNeedsException: boolean;
}

export interface Settlement {
  readonly period: number;
  /** The linked batch, in canonical order; post it with the ledger's createTransfers. */
  readonly transfers: readonly TransferRequest[];
  /** Work already credited during the period (counted in balances, not in `transfers`). */
  readonly alreadyPostedEffortMilli: number;
  readonly identity: PoolIdentity;
  /** B: non-auctioned, undiscounted takings and flat-rate shares at posted price. */
  readonly baseEffortMilli: number;
  /**
   * S, what the next factor (proportional) or the per-head shares (perHead) are computed
   * from: the premium and adjustment accounts' balances after this batch, plus, in the
   * proportional reading, `laterSurplusEffortMilli` (so their balances at the period's end).
   */
  readonly netSurplusEffortMilli: number;
  /** The input's `laterSurplusEffortMilli` (0 when not given). */
  readonly laterSurplusEffortMilli: number;
  readonly mode: PriceFactorMode;
  readonly nextPriceFactorPpm: Ppm;
  readonly perHead: readonly SplitPart<PersonId>[];
  readonly members: readonly MemberStatement[];
  readonly closingBalances: ReadonlyMap<AccountId, number>;
}

export type SettlementFailureCode =
  | 'pool.duplicate_event'
  | 'pool.bad_amount'
  | 'pool.unknown_account'
  | 'pool.bound_exceeded'
  | 'pool.identity_violated'
  | 'pool.batch_too_large';

interface Leg {
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

export function settlePeriod(
  input: SettlementInput,
): Result<Settlement, Failure<SettlementFailureCode>> {
  const { chart } = input;
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
  const kinds = accountKinds(chart);
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

  // Balances after the period's events.
  const balances = new Map<AccountId, number>();
  for (const id of kinds.keys()) balances.set(id, input.openingBalances.get(id) ?? 0);
  const apply = (leg: Leg): void => {
    balances.set(leg.debit, balances.get(leg.debit)! - leg.amount);
    balances.set(leg.credit, balances.get(leg.credit)! + leg.amount);
  };
  for (const leg of legs) apply(leg);

  // Carry-over cap: the excess above the cap goes where the member chose.
  const members = [...input.members].sort((a, b) => compareIds(a.personId, b.personId));
  const donated = new Map<PersonId, number>();
  for (const m of members) {
    const from = chart.persons.get(m.personId)!;
    const excess = balances.get(from)! - m.carryOverCapEffortMilli;
    if (excess <= 0) continue;
    donated.set(m.personId, excess);
    const to = m.donateTo === 'pool' ? chart.premiumAccountId : chart.redistributionAccountId;
    const leg = legOf(`~donate.${m.personId}`, from, to, excess, `donation.${m.donateTo}`);
    legs.push(leg);
    apply(leg);
  }

  // The net surplus and its distribution. The factor reads the system accounts as they will
  // stand at the period's end, after the later batches; the per-head shares are transfers of
  // this batch and can hand out only what the accounts hold now (decision 0022).
  const held = balances.get(chart.premiumAccountId)! + balances.get(chart.adjustmentAccountId)!;
  const netSurplus = input.mode === 'perHead' ? held : held + later;
  let perHead: SplitPart<PersonId>[] = [];
  let nextFactor = nextPriceFactor(netSurplus, base);
  if (input.mode === 'perHead') {
    nextFactor = PPM_ONE;
    const contributing = members.filter((m) => m.contributing).map((m) => m.personId);
    if (contributing.length > 0 && netSurplus !== 0) {
      const closing: Leg[] = [];
      const premium = balances.get(chart.premiumAccountId)!;
      const adjustment = balances.get(chart.adjustmentAccountId)!;
      // Both system accounts are emptied into the pool account, which hands the net out.
      if (premium > 0)
        closing.push(
          legOf('~perHead.0', chart.premiumAccountId, chart.poolAccountId, premium, 'pool.close'),
        );
      if (premium < 0)
        closing.push(
          legOf('~perHead.0', chart.poolAccountId, chart.premiumAccountId, -premium, 'pool.close'),
        );
      if (adjustment > 0)
        closing.push(
          legOf(
            '~perHead.1',
            chart.adjustmentAccountId,
            chart.poolAccountId,
            adjustment,
            'pool.close',
          ),
        );
      if (adjustment < 0)
        closing.push(
          legOf(
            '~perHead.1',
            chart.poolAccountId,
            chart.adjustmentAccountId,
            -adjustment,
            'pool.close',
          ),
        );
      perHead = perHeadShares(netSurplus, contributing);
      for (const part of perHead) {
        const to = chart.persons.get(part.id)!;
        if (part.amount > 0) {
          closing.push({
            ...legOf(`~perHead.p.${part.id}`, chart.poolAccountId, to, part.amount, 'pool.perHead'),
            phase: 0,
          });
        } else if (part.amount < 0) {
          closing.push(
            legOf(`~perHead.p.${part.id}`, to, chart.poolAccountId, -part.amount, 'pool.perHead'),
          );
        }
      }
      for (const leg of closing) {
        legs.push(leg);
        apply(leg);
      }
    }
  }

  // Bounds: the ledger checks every debit in batch order; credits come first and flagged
  // basic-needs debits last, so a person's lowest point before the flagged debits is here.
  const allowanceOf = new Map(members.map((m) => [m.personId, m.allowanceEffortMilli]));
  // One pass over the legs (linear in the period's size, whatever the number of members).
  const flows = new Map<
    AccountId,
    { credits: number; debits: number; flagged: number; unflaggedNew: boolean }
  >();
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
    const opening = input.openingBalances.get(accountId) ?? 0;
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

  // The pool identity.
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
  for (const [projectId, accountId] of [...chart.projects].sort((a, b) => compareIds(a[0], b[0]))) {
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

  const ordered = [...legs].sort((a, b) => a.phase - b.phase || compareIds(a.order, b.order));
  const transfers: TransferRequest[] = [];
  for (const leg of ordered) {
    if (leg.alreadyPosted) continue;
    transfers.push({
      id: asId<'Transfer'>(
        `${input.batchId}.${String(transfers.length).padStart(6, '0')}`,
      ) as TransferId,
      debitAccountId: leg.debit,
      creditAccountId: leg.credit,
      amount: leg.amount,
      unit: 'effort',
      code: leg.code,
      ...(leg.basicNeeds ? { boundException: 'basicNeeds' as const } : {}),
      ...(leg.reference === undefined ? {} : { reference: leg.reference }),
      period: input.period,
    });
  }

  const batchTransfersMax = Math.min(
    input.batchTransfersMax ?? BATCH_TRANSFERS_MAX,
    BATCH_TRANSFERS_MAX,
  );
  if (transfers.length > batchTransfersMax) {
    // One period is one linked batch (all or nothing); a pool this busy needs shorter periods.
    return failure(
      'pool.batch_too_large',
      `${transfers.length} transfers exceed the batch limit of ${batchTransfersMax}`,
    );
  }

  return ok({
    period: input.period,
    transfers,
    alreadyPostedEffortMilli: sumIntegers(legs.filter((l) => l.alreadyPosted).map((l) => l.amount)),
    identity,
    baseEffortMilli: base,
    netSurplusEffortMilli: netSurplus,
    laterSurplusEffortMilli: later,
    mode: input.mode,
    nextPriceFactorPpm: nextFactor,
    perHead,
    members: statements,
    closingBalances: balances,
  });
}

function legOf(
  order: string,
  debit: AccountId,
  credit: AccountId,
  amount: number,
  code: string,
): Leg {
  return { phase: 1, order, debit, credit, amount, code, basicNeeds: false, alreadyPosted: false };
}
