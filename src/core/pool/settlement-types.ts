// The shapes of a period's settlement (settlement.ts): the events it books, what it is given and
// what it returns, and its refusal codes.
import type { DonateChoice } from '../goods/takings.ts';
import type { AccountId, PersonId, PoolId, ProductId, ProjectId } from '../ids.ts';
import type { TransferRequest } from '../ledger/types.ts';
import type { Ppm, SplitPart } from '../units.ts';
import type { PoolChart } from './chart.ts';
import type { PriceFactorMode } from './price-factor.ts';

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
