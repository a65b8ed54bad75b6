// The scenario model's goods (M5–M9): products, their recipes and allocation models, and what
// members ask for, pledge, pre-order and take in a period. Part of the scenario model
// (types.ts, which re-exports it).

import type { ScarcityRuleSpec } from './types.ts';

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
