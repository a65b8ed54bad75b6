// The scenario model: a whole economy over periods in plain data (issue 6). The application
// parses YAML or JSON into these shapes (src/app/scenario/schema.ts); the core only reads them,
// so it never depends on a parser. Every amount is an integer in the unit its name says.

import type {
  BiddingRoundSpec,
  DiscountSaleSpec,
  DurationUseSpec,
  FlatRateBundleSpec,
  PreOrderCancellationSpec,
  PreOrderSpec,
  ProductionSpec,
  ProductSpec,
  RequestSpec,
  SubscriptionSpec,
  WishSpec,
  WorkInProgressSpec,
  WriteOffSpec,
} from './types-goods.ts';
import type {
  DurableGoodSpec,
  DwellingActionSpec,
  HousingUnitSpec,
  LeaseReleaseSpec,
  OccupancySpec,
  PossessionSpec,
  ResourceClaimSpec,
  ResourceSpec,
} from './types-possession.ts';

export type * from './types-goods.ts';
export type * from './types-possession.ts';

export type ClearingRuleSpec = 'lowest' | 'highest';

export type WeightingSpec = 'auction' | 'flat';

export type PriceFactorModeSpec = 'proportional' | 'perHead';

export type DonateToSpec = 'redistribution' | 'pool';

export type ScarcityRuleSpec = 'auction' | 'lottery' | 'fcfs';

/** The pool's task market settings; absent fields take the reference §9.1 defaults. */
export interface MarketSpec {
  readonly minWeightMilli: number;
  readonly capWeightMilli: number;
  readonly escalationStepPpm: number;
  readonly escalationWindowMinutes: number;
  readonly minNoticeMinutes: number;
  readonly clearingRule: ClearingRuleSpec;
  readonly rotationWindowPeriods: number;
}

export interface PoolSpec {
  readonly id: string;
  readonly weighting: WeightingSpec;
  readonly priceFactorMode: PriceFactorModeSpec;
  readonly allowanceEffortMilli: number;
  readonly carryOverCapEffortMilli: number;
  readonly donateTo: DonateToSpec;
  readonly market: MarketSpec;
  /** T of reference §4.9: a departed member's negative balance is forgiven in period L + T,
   *  L being their last period as a member. */
  readonly forgiveAfterPeriods: number;
}

/** A change of the pool's settings from one period on (MODEL.md §5: settings are stored with
 *  the period they applied to). Only the fields given change; `market` field by field. The
 *  pool's id is not a setting (its accounts are named by it). */
export interface PoolChangeSpec {
  readonly weighting?: WeightingSpec | undefined;
  readonly priceFactorMode?: PriceFactorModeSpec | undefined;
  readonly allowanceEffortMilli?: number | undefined;
  readonly carryOverCapEffortMilli?: number | undefined;
  readonly donateTo?: DonateToSpec | undefined;
  readonly market?: { readonly [K in keyof MarketSpec]?: MarketSpec[K] | undefined } | undefined;
  readonly forgiveAfterPeriods?: number | undefined;
}

/** A change of one association's settings from a period on: only the fields given change
 *  (`allowances` as a whole list). Its place in the tree (`parentId`, `level`) is not a
 *  setting. */
export interface AssociationChangeSpec {
  readonly id: string;
  readonly allowances?: AssociationSpec['allowances'] | undefined;
  readonly basicNeedsInArrears?: boolean | undefined;
  readonly dwellingIdleLimitPeriods?: number | undefined;
  readonly dwellingNoticePeriods?: number | undefined;
}

/** A settings change of a period: in force from that period on, until a later one. It gives
 *  the pool's, some associations' or both. */
export interface SettingsChangeSpec {
  readonly pool?: PoolChangeSpec | undefined;
  readonly associations?: readonly AssociationChangeSpec[] | undefined;
}

export type DependentCategorySpec = 'child' | 'elderly' | 'sick' | 'other';

export interface PersonSpec {
  readonly id: string;
  /** Slots of tasks the person can take per period (at most one per instance). */
  readonly capacitySlots: number;
  /** Counts for the per-head option; dependents do not. */
  readonly contributing: boolean;
  /** The lowest association the person lives in from period 1; null = none. */
  readonly residence: string | null;
  /** Capacity factor c for association shares, in milli (1..1000; 500 = half time). */
  readonly capacityMilli: number;
  /** Dependent status (reference §4.11): owes no share; takings covered up to an allowance. */
  readonly dependent: DependentSpec | null;
  /** The first period the person is a member of the pool (joined later than period 1). */
  readonly memberFromPeriod: number;
  /** The last period the person is a member (left the pool after it); null = stays. */
  readonly memberUntilPeriod: number | null;
}

export interface DependentSpec {
  readonly category: DependentCategorySpec;
  /** Overrides the association's allowance for the category; null = the category's. */
  readonly allowanceEffortMilli: number | null;
}

/** A local association (M10, M11): a node of the tree of levels. */
export interface AssociationSpec {
  readonly id: string;
  readonly parentId: string | null;
  readonly level: string;
  /** Allowance per period for dependents of each category this association covers. */
  readonly allowances: readonly {
    readonly category: DependentCategorySpec;
    readonly allowanceEffortMilli: number;
  }[];
  /** Basic-needs services stay available, and are charged, while a member is in arrears. */
  readonly basicNeedsInArrears: boolean;
  /** T_idle of the dwellings this association stewards: unused for longer → flagged. */
  readonly dwellingIdleLimitPeriods: number;
  /** Periods from the idle flag until the steward may reassign the dwelling. */
  readonly dwellingNoticePeriods: number;
}

/** A public service of one period, provided by a project, shared over the inhabitants. */
export interface ServiceSpec {
  readonly id: string;
  readonly associationId: string;
  readonly projectId: string;
  readonly effortMilli: number;
  readonly basicNeeds: boolean;
}

/** From this period on, the person lives in this association (null = moved away). */
export interface ResidencySpec {
  readonly personId: string;
  readonly associationId: string | null;
}

/** From this period on, the person is a dependent of this kind (null: no longer dependent). */
export interface DependentChangeSpec {
  readonly personId: string;
  readonly dependent: DependentSpec | null;
}

/** From this period on, the person's capacity factor is this. */
export interface CapacityFactorSpec {
  readonly personId: string;
  readonly capacityMilli: number;
}

export interface ProjectSpec {
  readonly id: string;
  /** Who may confirm the project's work records (MODEL.md M2). */
  readonly maintainers: readonly string[];
  /** Peers the project names to confirm its work records besides its maintainers (M2). */
  readonly namedConfirmers: readonly string[];
  /** The association the project is "of" (eligibility for pooled resources); null = none. */
  readonly seat: string | null;
  /** The currency (ISO 4217, `EUR`) of the money the project keeps in a ledger of its own,
   *  never converted into effort (MODEL.md §2); null = none. */
  readonly currency: string | null;
}

/** A service from person to person (M15, time bank): the beneficiary is debited, the giver
 *  credited, once the beneficiary (or another person, never the giver) confirmed it. */
export interface PersonalServiceSpec {
  readonly id: string;
  readonly giverId: string;
  readonly beneficiaryId: string;
  readonly minutes: number;
  /** 1.000 in a time bank (`weighting: flat` refuses anything else). */
  readonly weightMilli: number;
  readonly confirmedBy: string | null;
}

/** One task instance of a period: a template's slots, auctioned in the pool's market. */
export interface TaskSpec {
  readonly id: string;
  readonly templateId: string;
  readonly projectId: string;
  readonly slots: number;
  readonly minutesPerSlot: number;
  /** Shown while bidding; absent = the template's last clearing weight, else 1.000. */
  readonly indicatedWeightMilli: number | null;
  /** Measurable work: the template's standard time per unit; null = credited by time. A work
   *  record then says the units done and is credited units × this × weight, so speed does
   *  not matter (reference §4.3). */
  readonly standardMinutesPerUnit: number | null;
  /** When the slots start, for calendars (not used by the run): an ISO 8601 date-time, with an
   *  offset, or without one as a wall-clock time in the file's `timeZone`. */
  readonly start?: string | undefined;
  /** Where the work happens, for calendars (not used by the run). */
  readonly place?: string | undefined;
}

/** The lowest weight at which the person takes one slot, in round 0 or an escalation round. */
export interface BidSpec {
  readonly personId: string;
  readonly instanceId: string;
  readonly weightMilli: number;
  readonly round: number;
}

/** Minutes worked on a won slot; credited only once a maintainer confirmed it. */
export interface WorkSpec {
  readonly id: string;
  readonly personId: string;
  readonly instanceId: string;
  readonly minutes: number;
  /** Units done, for a task with a standard time (required there, refused elsewhere). */
  readonly unitsDone: number | null;
  /** The confirming maintainer; null = not confirmed (no credit). */
  readonly confirmedBy: string | null;
}

/** A winner who does not turn up (reference §4.4): the slot is taken from them without credit
 *  and auctioned again in escalation round `round` (≥ 1) of the period. */
export interface NoShowSpec {
  readonly personId: string;
  readonly instanceId: string;
  readonly round: number;
}

export interface PeriodSpec {
  readonly tasks: readonly TaskSpec[];
  readonly bids: readonly BidSpec[];
  readonly work: readonly WorkSpec[];
  readonly noShows: readonly NoShowSpec[];
  readonly production: readonly ProductionSpec[];
  readonly requests: readonly RequestSpec[];
  readonly writeOffs: readonly WriteOffSpec[];
  readonly discountSales: readonly DiscountSaleSpec[];
  readonly workInProgress: readonly WorkInProgressSpec[];
  readonly services: readonly ServiceSpec[];
  readonly residencies: readonly ResidencySpec[];
  readonly capacityFactors: readonly CapacityFactorSpec[];
  readonly dependents: readonly DependentChangeSpec[];
  readonly occupancy: readonly OccupancySpec[];
  /** Releases and reassignments of dwellings possessed under a steward (decision 0017). */
  readonly dwellings: readonly DwellingActionSpec[];
  readonly resourceClaims: readonly ResourceClaimSpec[];
  readonly possession: readonly PossessionSpec[];
  readonly preOrders: readonly PreOrderSpec[];
  readonly preOrderCancellations: readonly PreOrderCancellationSpec[];
  readonly flatRateBundles: readonly FlatRateBundleSpec[];
  readonly personalServices: readonly PersonalServiceSpec[];
  readonly leaseReleases: readonly LeaseReleaseSpec[];
  readonly durationUses: readonly DurationUseSpec[];
  readonly biddingRounds: readonly BiddingRoundSpec[];
  readonly wishes: readonly WishSpec[];
  /** Goods members of this pool took in a federated pool of the file (M16). */
  readonly federationTakes: readonly FederationTakeSpec[];
  /** Work members of this pool did for projects of a federated pool of the file (M16). */
  readonly federationWork: readonly FederationWorkSpec[];
  /** Positions with federated pools closed by agreement this period (M16, decision 0017). */
  readonly federationWriteOffs: readonly FederationWriteOffSpec[];
  /** Money income and expenses of projects with a currency, in cents (MODEL.md §2). */
  readonly money: readonly MoneySpec[];
  /** Projects leaving the pool at the start of this period (M1, decision 0014). */
  readonly projectDepartures: readonly ProjectDepartureSpec[];
  /** Persons leaving the pool at the start of this period (M1, decision 0035). */
  readonly personDepartures: readonly PersonDepartureSpec[];
  /** Projects forked from this period on (M1, decision 0014). */
  readonly projectForks: readonly ProjectForkSpec[];
  /** Settings in force from this period on (in list order; later changes win). */
  readonly settingsChanges: readonly SettingsChangeSpec[];
  /** Means of production abandoned from this period on (reference §4.7, decision 0020). */
  readonly meansAbandoned: readonly MeansAbandonedSpec[];
}

/** A project gives up one of its means of production (a workshop, a machine) at the start of
 *  the period: what its books still hold for it is written off to the pool's adjustment
 *  account, and no recipe of the project charges a share of it from then on. */
export interface MeansAbandonedSpec {
  readonly projectId: string;
  /** The `id` of the means in the project's recipes (one means may serve several). */
  readonly meansOfProductionId: string;
}

/** A project leaves the pool at the start of the period: from then on it posts no tasks and
 *  offers nothing; its open pre-orders are released, its subscriptions end, and its account,
 *  stock and inventory stay as they are (frozen). */
export interface ProjectDepartureSpec {
  readonly projectId: string;
}

/** A person leaves the pool at the start of the period, as `memberUntilPeriod` set to the
 *  period before would say: they take part in nothing from then on, a positive balance stays
 *  (dormant) and a negative one is forgiven T periods after their last (decision 0035). */
export interface PersonDepartureSpec {
  readonly personId: string;
}

/** A fork (reference §4.1): a new project `id`, from this period on, with a copy of the
 *  commons of `projectId` (its product definitions and recipes, as `<id>.<productId>`) and a
 *  governance of its own; physical means of production stay where they are. */
export interface ProjectForkSpec {
  readonly id: string;
  /** The project forked; in the pool or departed, as long as it exists at the period's start. */
  readonly projectId: string;
  /** The fork's maintainers: its new governance. */
  readonly maintainers: readonly string[];
  /** The peers the fork names to confirm its work (none are copied from the original). */
  readonly namedConfirmers: readonly string[];
  /** The association the fork is "of"; null = none. */
  readonly seat: string | null;
}

export interface MoneySpec {
  readonly projectId: string;
  readonly incomeCents: number;
  readonly expenseCents: number;
}

/** A member of this pool takes units of a product made in the federated pool `poolId`: this
 *  pool debits the member and credits its federation account for that pool; that pool credits
 *  its project and debits its federation account for this one (reference §4.9). */
export interface FederationTakeSpec {
  readonly poolId: string;
  readonly personId: string;
  readonly productId: string;
  readonly units: number;
}

/** A member of this pool works for a project of the federated pool `poolId`, confirmed by a
 *  maintainer of that project: credited here, hosted there; works off what this pool owes. */
export interface FederationWorkSpec {
  readonly id: string;
  readonly poolId: string;
  readonly personId: string;
  readonly projectId: string;
  readonly minutes: number;
  readonly weightMilli: number;
  readonly confirmedBy: string;
}

/** This pool and the federated pool `poolId` agree to write off a share of the position
 *  between them, as it stood at the close of the period before: each pool moves that share of
 *  its own federation balance into its own adjustment account (no person is touched). */
export interface FederationWriteOffSpec {
  readonly poolId: string;
  /** The share written off, in ppm (1 000 000 = the whole position). */
  readonly sharePpm: number;
}

export interface Scenario {
  readonly name: string;
  /** Seeds every lottery (task ties, scarce goods); recorded in the output. */
  readonly seed: number;
  /** The IANA time zone of the pool's wall-clock times (task starts); absent = UTC. */
  readonly timeZone?: string | undefined;
  readonly pool: PoolSpec;
  readonly persons: readonly PersonSpec[];
  readonly projects: readonly ProjectSpec[];
  readonly products: readonly ProductSpec[];
  readonly associations: readonly AssociationSpec[];
  readonly housingUnits: readonly HousingUnitSpec[];
  readonly resources: readonly ResourceSpec[];
  readonly durableGoods: readonly DurableGoodSpec[];
  readonly subscriptions: readonly SubscriptionSpec[];
  readonly periods: readonly PeriodSpec[];
  /** Federated pools (M16), each a whole scenario of its own with as many periods and no
   *  federation of its own; every pool of the file is federated with every other. */
  readonly federation: readonly Scenario[];
}
