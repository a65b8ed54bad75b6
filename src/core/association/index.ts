// Local associations (MODEL.md M10, M11, M15; reference §4.11, §4.12, §6.2): the tree of
// levels, inhabitants and dependents, each contributor's share summed over the levels they
// live in, redistribution, basic needs in arrears, and time-bank services.

export type { MemberStanding, ServiceAccess } from './access.ts';
export { mayUseService, standingOf } from './access.ts';
export type {
  CapacityFactor,
  Contributor,
  DependentCategory,
  DependentRules,
  DependentStatus,
  MembersFailureCode,
} from './members.ts';
export {
  capacityOf,
  categoryByAge,
  checkCapacities,
  contributorsOf,
  DEFAULT_DEPENDENT_RULES,
  declareSickness,
  dependentStatusOf,
  dependentsIn,
  directContributors,
  directContributorsByAssociation,
  FULL_CAPACITY_MILLI,
} from './members.ts';
export type { AssociationAccounts } from './postings.ts';
export { ASSOCIATION_CODES, associationPostings } from './postings.ts';
export type {
  AssociationBudget,
  AssociationPeriodInput,
  AssociationSettings,
  AssociationShares,
  DependentCoverage,
  DependentTaking,
  LevelShare,
  PersonShare,
  PublicService,
  SharesFailureCode,
} from './shares.ts';
export { computeAssociationShares } from './shares.ts';
export type { ServiceAccounts, ServiceFailureCode, ServiceRecord, Weighting } from './timebank.ts';
export { effectiveWeight, servicePosting, WORK_SERVICE_CODE } from './timebank.ts';
export type {
  AssociationNode,
  AssociationTree,
  ProjectSeat,
  Residence,
  ResidenceFailureCode,
  TreeFailureCode,
  Validity,
} from './tree.ts';
export {
  ASSOCIATIONS_MAX,
  buildAssociationTree,
  checkResidences,
  inhabitantsOf,
  isValidIn,
  levelsOf,
  liesWithin,
  lowestCoveringAssociation,
  residenceOf,
  subtreeOf,
} from './tree.ts';
