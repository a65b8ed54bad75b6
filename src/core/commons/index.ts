// Commons (MODEL.md M12, M13; reference §4.13, §4.14): natural resources held in trust and
// allocated by flat rate or premium auction, land by lease term, the possession lifecycle of
// durable goods, and housing by duration of use.

export type {
  AllocationFailureCode,
  AllocationOptions,
  Claimant,
  EligibilityContext,
  ProjectResourceInput,
  ResourceAccounts,
  ResourceAllocation,
  ResourceAward,
  ResourceClaim,
} from './allocation.ts';
export {
  allocateResource,
  isEligible,
  partyIdOf,
  projectResourceInputs,
  RESOURCE_CODES,
  resourcePostings,
} from './allocation.ts';
export type { Dwelling, DwellingEvent, DwellingFailureCode, DwellingState } from './dwelling.ts';
export {
  idleUnflagged,
  reassignableFromPeriod,
  reassignDwelling,
  releaseDwelling,
  reviewDwelling,
  useDwelling,
} from './dwelling.ts';
export type {
  HousingAccount,
  HousingAccounts,
  HousingDue,
  HousingFailureCode,
  HousingPeriod,
  HousingUnit,
  Resident,
} from './housing.ts';
export {
  advanceHousingPeriod,
  checkHousingUnit,
  expectedOccupiedPpmPeriods,
  HOUSING_CODE,
  housingPostings,
  openHousingAccount,
  unrecoveredEffortMilli,
} from './housing.ts';
export type { IdleRule, UseClock } from './idle.ts';
export { idlePastLimitUnflagged } from './idle.ts';
export type { LandLease, TermEndOutcome, TermEndRule } from './land.ts';
export {
  DEFAULT_LEASE_TERM_PERIODS,
  endOfTerm,
  freeLandUnits,
  isActive,
  leaseDues,
  leasePostings,
  leasesFromAllocation,
} from './land.ts';
export type {
  DurableGood,
  PossessionEvent,
  PossessionFailureCode,
  PossessionState,
  PossessionTerms,
} from './possession.ts';
export {
  claimPossession,
  demandReturn,
  recordUse,
  releasePossession,
  repairerOf,
  retireGood,
  reviewPossession,
  sameParty,
  transferPossession,
} from './possession.ts';
export type {
  DepletionStep,
  NaturalResource,
  ResourceCap,
  ResourceFailureCode,
  ResourceKind,
  ResourcePooling,
} from './resource.ts';
export { capForPeriod, checkPooling, checkResource } from './resource.ts';
