// The scenario model: a whole economy over periods in plain data (issue 6). The application
// parses YAML or JSON into these shapes (src/app/scenario/schema.ts); the core only reads them,
// so it never depends on a parser. Every amount is an integer in the unit its name says.

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

/** A dwelling possessed by duration of use (M12), kept by a project (the housing coop). */
export interface HousingUnitSpec {
  readonly id: string;
  readonly projectId: string;
  readonly buildEffortMilli: number;
  readonly lifePeriods: number;
  readonly expectedMaintenanceEffortMilli: number;
  readonly expectedOccupancyPpm: number;
  readonly reestimateEveryPeriods: number;
  /** The association whose idle rule the dwelling is possessed under (decision 0017): its
   *  occupancy is the household's use, idle past T_idle it is flagged and, after notice, may
   *  be reassigned. null = charged by duration of use only, no possession kept. */
  readonly stewardAssociationId: string | null;
}

/** The steward's or the household's step with a possessed dwelling (decision 0017). */
export interface DwellingActionSpec {
  readonly unitId: string;
  /** `release`: the household moves out for good. `reassign`: the steward gives a dwelling
   *  flagged idle, once the notice has run out, to the waiting household `personIds`. */
  readonly action: 'release' | 'reassign';
  /** `reassign` only: the waiting household. */
  readonly personIds: readonly string[];
}

/** A shared durable good (a cargo trailer, a tool): possessed while used (M12, §6.8). */
export interface DurableGoodSpec {
  readonly id: string;
  readonly stewardAssociationId: string;
  /** Unused for longer than this many periods → flagged by the steward's review. */
  readonly idleLimitPeriods: number;
  /** Periods after the flag until the good returns to the commons. */
  readonly noticePeriods: number;
  /** The terms every possession of the good is held under (reference §4.13). */
  readonly terms: PossessionTermsSpec;
}

/** Sharing terms of a durable good (Siefkes 2008, reference §4.13); the defaults are the
 *  plain terms: back on demand, not transferable. */
export interface PossessionTermsSpec {
  /** The steward may ask for the good back (`demandReturn`), with notice. */
  readonly returnOnDemand: boolean;
  /** Whether the possessor may pass it on (`transfer`); `withinRegion`: only when both live
   *  in the steward association's area. */
  readonly transferable: 'no' | 'withinRegion' | 'yes';
  /** Used where it stands (an open workshop); recorded, no effect on the run. */
  readonly onSite: boolean;
  /** The possessor repairs it; recorded, no effect on the run. */
  readonly repairDuty: boolean;
  /** A "permafloater": never withdrawn from sharing; recorded, no effect on the run. */
  readonly permanent: boolean;
  /** Copyleft for things: once possessed, every later claim must use the same terms. */
  readonly transitive: boolean;
}

export type PossessionActionSpec = 'claim' | 'use' | 'release' | 'transfer' | 'demandReturn';

/** What a person did with a durable good this period. */
export interface PossessionSpec {
  readonly goodId: string;
  readonly personId: string;
  readonly action: PossessionActionSpec;
  /** `transfer` only: the person the possessor passes the good on to. */
  readonly toPersonId: string | null;
  /** `claim` only: the good must be back by this period (return on date); null = no date. */
  readonly returnOnPeriod: number | null;
}

/** Who lived in a dwelling in the period, for how much of it, and the maintenance done. */
export interface OccupancySpec {
  readonly unitId: string;
  readonly residents: readonly { readonly personId: string; readonly shareWeight: number }[];
  /** Fraction of the period lived in, ppm (1 000 000 = all of it). */
  readonly occupiedPpm: number;
  /** Maintenance effort put into the unit this period (its labour credits the keeper). */
  readonly maintenanceEffortMilli: number;
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

export type ResourceKindSpec = 'land' | 'water' | 'mineral' | 'forest' | 'other';

/** A natural resource held in trust by an association and pooled (M13): renewable with a
 *  sustainable yield (for land: its area), or non-renewable with a depletion schedule. */
export interface ResourceSpec {
  readonly id: string;
  readonly kind: ResourceKindSpec;
  readonly stewardAssociationId: string;
  /** Associations whose inhabitants and projects may claim it (the steward among them). */
  readonly pooledBy: readonly string[];
  /** Renewable: the cap per period; null for a non-renewable (then `depletion` is given). */
  readonly sustainableYieldUnitsPerPeriod: number | null;
  /** The project whose labour extracts or maintains it; credited the extraction effort. */
  readonly extractionProjectId: string;
  readonly extractionEffortMilliPerUnit: number;
  readonly basicNeedsQuotaUnits: number;
  /** Non-renewable: the reserve and how much of it may be taken per period; null = renewable. */
  readonly depletion: DepletionSpec | null;
  /** Allocated by lease term (land, reference §4.14); null = allocated period by period. */
  readonly lease: LeaseSpec | null;
}

/** The stewards' depletion schedule of a non-renewable (reference §4.14): from each step's
 *  period on at most its units per period, never more than what is left of the reserve. */
export interface DepletionSpec {
  readonly reserveUnits: number;
  /** Any order; before the first step nothing may be taken. */
  readonly schedule: readonly { readonly fromPeriod: number; readonly unitsPerPeriod: number }[];
}

/** Land by lease term: what a claim wins is held, and owed every period, for the term. */
export interface LeaseSpec {
  readonly termPeriods: number;
  /** At the end of a term the land goes back into the next allocation (`reauction`), or
   *  the lease is renewed for another term while its holder still uses it (`renew`). */
  readonly termEnd: 'reauction' | 'renew';
}

/** A lease holder no longer uses the land: the lease runs (and is owed) to the end of its
 *  term and is then not renewed. */
export interface LeaseReleaseSpec {
  readonly resourceId: string;
  readonly personId: string | null;
  readonly projectId: string | null;
}

/** A claim on a resource for one period, by a person or by a project (exactly one). */
export interface ResourceClaimSpec {
  readonly resourceId: string;
  readonly personId: string | null;
  readonly projectId: string | null;
  readonly units: number;
  readonly premiumPerUnitEffortMilli: number;
  readonly basicNeeds: boolean;
}

export interface ProductSpec {
  readonly id: string;
  readonly projectId: string;
  /** The pool price of one unit (effort price, without the price factor). */
  readonly unitPriceEffortMilli: number;
  /** What decides when more is requested than there is (MODEL.md M7). */
  readonly scarcityRule: ScarcityRuleSpec;
  /** Units per period reserved for basic needs, drawn by lottery at the posted price. */
  readonly basicNeedsQuotaUnits: number;
  /** Planning (M9): α, the share of recent non-pre-ordered demand to plan for, in ppm. */
  readonly planningAlphaPpm: number;
  readonly safetyStockUnits: number;
  /** How the product is made (M6): its price is then computed from this recipe (posted, from
   *  the estimates) and `unitPriceEffortMilli` is left out of the file; null = a plain price. */
  readonly recipe: RecipeSpec | null;
  /** How taking it is coupled to contributing (M5): `effortBased` (the posted price × factor),
   *  `flatAllocation` (the period's effort ÷ units produced) or `byDuration` (the price is a
   *  rate per period, charged by the minutes used). */
  readonly allocation: ProductAllocationSpec;
  /** By duration: the minutes the rate is for (43 200 = 30 days). */
  readonly minutesPerPeriod: number;
  /** A joint product (M6): made by another product's recipe, priced by its declared split;
   *  `unitPriceEffortMilli` is then left out of the file; null = not a joint product. */
  readonly jointOf: JointOfSpec | null;
  /** `service` (a haircut, a care hour; reference §4.7): Q counts service units, which are
   *  delivered when taken, so what is not taken in the period is not kept (service-products.ts). */
  readonly kind: 'good' | 'service';
}

/** The process a joint product comes out of, and Q of its estimate. */
export interface JointOfSpec {
  readonly productId: string;
  readonly unitsPerPeriod: number;
}

export type ProductAllocationSpec = 'effortBased' | 'flatAllocation' | 'byDuration';

/** How one product is made (reference §4.7): estimates per unit and per period. */
export interface RecipeSpec {
  /** Q of the estimate: the units the project expects to make per period. */
  readonly unitsPerPeriod: number;
  /** Weighted labour per unit by task template; the actual is the period's confirmed work
   *  on the project's tasks of these templates. */
  readonly labour: readonly { readonly templateId: string; readonly effortMilliPerUnit: number }[];
  /** Coordination and administration per period by task template; actual likewise. */
  readonly overhead: readonly {
    readonly templateId: string;
    readonly effortMilliPerPeriod: number;
  }[];
  /** Products of the pool used per unit, valued at their pool price, taken from their stock. */
  readonly inputs: readonly { readonly productId: string; readonly quantityPerUnit: number }[];
  /** Pooled resources used per unit, valued at their extraction effort. */
  readonly resources: readonly { readonly resourceId: string; readonly quantityPerUnit: number }[];
  /** Workshops and machines: (build ÷ life + maintenance) × use share per period. */
  readonly meansOfProduction: readonly {
    readonly id: string;
    readonly buildEffortMilli: number;
    readonly lifePeriods: number;
    readonly maintenanceEffortMilliPerPeriod: number;
    readonly useSharePpm: number;
  }[];
  /** Re-estimating the posted price from the last periods' actual prices; null = the estimate
   *  stays the posted price of the whole run. */
  readonly reestimate: ReestimateSpec | null;
  /** One process, several goods: how its batch is split over them; null = one product. */
  readonly joint: JointSpec | null;
}

export interface ReestimateSpec {
  /** N: the posted price of period t is the actual price of periods t − N … t − 1. */
  readonly windowPeriods: number;
}

/** The declared split of a joint process, published with the prices (open book). */
export interface JointSpec {
  /** `effortShare`: by the declared `sharePpm`; `outputShare`: by the units each made. */
  readonly basis: 'effortShare' | 'outputShare';
  /** Every output, the recipe's own product among them; shares add up to 1 000 000 ppm. */
  readonly outputs: readonly { readonly productId: string; readonly sharePpm: number | null }[];
}

/** A flat-rate bundle of one period (M5: a food coop's share): its effort split evenly. */
export interface FlatRateBundleSpec {
  readonly id: string;
  readonly projectId: string;
  /** E_B: the bundle's effort this period at posted prices (the project's labour for it). */
  readonly effortMilli: number;
  /** N_B: the contributing participants, who share E_B + R_B evenly. */
  readonly participants: readonly string[];
  /** Persons who use the bundle but cannot contribute (`contributing: false`, or a dependent
   *  in this period): they pay no share; their even parts of E_B are R_B, carried by the
   *  participants (reference §4.6, §4.11). Empty = no redistribution inside the bundle. */
  readonly dependentUsers: readonly string[];
  /** Part of the basic-needs bundle: may be charged past the debit allowance. */
  readonly basicNeeds: boolean;
  /** A fair-use cap (reference §4.6): units of a product taken above the cap switch to
   *  effort-based pricing, from the product's stock; null = no cap. */
  readonly fairUse: FairUseSpec | null;
}

export interface FairUseSpec {
  readonly productId: string;
  readonly capUnits: number;
  /** What each participant took of the product under the bundle this period. */
  readonly takings: readonly { readonly personId: string; readonly units: number }[];
}

/** Time a person used a by-duration product this period (M5, reference §4.6). */
export interface DurationUseSpec {
  readonly productId: string;
  readonly personId: string;
  readonly minutes: number;
}

/** A bidding round (reference §7.3): members pledge until the budget is covered; a covered
 *  round settles each member's effort pledge as their share of the bundle in every period of
 *  its term, starting with the period it is listed in. */
export interface BiddingRoundSpec {
  readonly id: string;
  readonly projectId: string;
  /** E_B: the budget of the whole term. */
  readonly budgetEffortMilli: number;
  /** Money, kept in the project's own money ledger, never converted into effort. */
  readonly budgetMoneyCents: number;
  readonly roundLimit: number;
  /** Periods the budget covers (1 = the period it is listed in); pledges are per period. */
  readonly termPeriods: number;
  /** A covered term's surplus: held by the project as a reserve, or counted towards (and so
   *  lowering the guideline of) the next term of a round with the same id. */
  readonly surplus: 'reserve' | 'lowerGuideline';
  /** After the last round fails: change the plan (nothing is delivered or settled), or cut
   *  the budget to what was pledged and settle the pledges. */
  readonly onFailure: 'changePlan' | 'cutBudget';
  /** The pledges of round 1, 2, …; rounds after the covering one are ignored. */
  readonly rounds: readonly {
    readonly pledges: readonly {
      readonly personId: string;
      readonly effortMilli: number;
      readonly moneyCents: number;
    }[];
  }[];
}

/** A wish (M9): a member would take this much next period at no more than this price. */
export interface WishSpec {
  readonly personId: string;
  readonly productId: string;
  readonly units: number;
  readonly maxUnitPriceEffortMilli: number;
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

/** A pre-order placed this period for the next period's output (planning input, M9). */
export interface PreOrderSpec {
  readonly id: string;
  readonly personId: string;
  readonly productId: string;
  readonly units: number;
  /** `request`: planning input only, the taking is a request of a later period (the format's
   *  first meaning, kept for older files). `production`: a commitment that becomes a taking
   *  at the posted price × factor in the first later period that produces the product and has
   *  the units in stock (reference §4.6 "Timing"). */
  readonly fulfil: PreOrderFulfilSpec;
}

export type PreOrderFulfilSpec = 'request' | 'production';

/** A pre-order (fulfil: production) withdrawn before it was taken: free before production
 *  started, else the share of the batch's effort already spent (goods/takings.ts). */
export interface PreOrderCancellationSpec {
  readonly preOrderId: string;
  /** Effort spent on the batch so far; 0 = production has not started (free). */
  readonly spentEffortMilli: number;
  /** Effort the whole batch is planned to take. */
  readonly plannedEffortMilli: number;
}

/** A standing subscription (M5, reference §4.10): taken each period while active, before
 *  requests, at the posted price × factor; planned for like a pre-order. */
export interface SubscriptionSpec {
  readonly id: string;
  readonly personId: string;
  readonly productId: string;
  readonly unitsPerPeriod: number;
  readonly fromPeriod: number;
  /** Last period included; null = open-ended. */
  readonly untilPeriod: number | null;
  /** Part of the basic-needs bundle: may be charged past the debit allowance. */
  readonly basicNeeds: boolean;
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

export interface ProductionSpec {
  readonly productId: string;
  readonly units: number;
}

/** A request to take units of a product, with an optional premium for scarce goods. */
export interface RequestSpec {
  readonly personId: string;
  readonly productId: string;
  readonly units: number;
  readonly premiumPerUnitEffortMilli: number;
  /** Pay a won premium as a commitment to contribute that much effort within this many
   *  periods (`settlePremium`); null = paid from the balance. The good is handed out at once
   *  on the debit allowance; the report follows the commitment until it is worked off. */
  readonly premiumTermPeriods: number | null;
  /** With a term: `atOnce` hands the good out at once; `onCompletion` keeps it in stock,
   *  reserved for the person, until the committed effort is worked off (commitments.ts). */
  readonly release: 'atOnce' | 'onCompletion';
  readonly basicNeeds: boolean;
}

/** A perishable surplus offered at a discount after the ordinary takings (M7, downward): the
 *  shortfall goes to the adjustment account and raises the price factor. */
export interface DiscountSaleSpec {
  readonly productId: string;
  /** The discount, in ppm of the posted price (250 000 = 25 % off; 1 000 000 = free). */
  readonly discountPpm: number;
  readonly requests: readonly { readonly personId: string; readonly units: number }[];
}

/** Units of a product's stock lost (spoiled, broken): uncovered effort for the pool. */
export interface WriteOffSpec {
  readonly productId: string;
  readonly units: number;
}

/** Work that is not (yet) in a product: a service done, work in progress. */
export interface WorkInProgressSpec {
  readonly projectId: string;
  readonly changeEffortMilli: number;
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
