// The scenario model's possessions (M12, M13): dwellings, shared durable goods and natural
// resources held in trust, with what persons and projects do with them in a period. Part of
// the scenario model (types.ts, which re-exports it).

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
