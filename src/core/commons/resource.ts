// Natural resources held in trust (reference §4.14, MODEL.md M13).
//
// A resource is managed by the local association in whose area it lies (its steward), but
// belongs to nobody: the steward sets the cap per period (goal setting) and may pool the
// resource with other associations, never sell it. Renewables are capped at their sustainable
// yield; non-renewables follow a depletion schedule and can never exceed what is left.

import type { AssociationId, PoolId, ProjectId, ResourceId } from '../ids.ts';
import { failure, ok, type Result } from '../result.ts';
import { isCount } from '../units.ts';

export type ResourceKind = 'land' | 'water' | 'mineral' | 'forest' | 'other';

/** One step of a depletion schedule: from this period on, at most this many units a period. */
export interface DepletionStep {
  readonly fromPeriod: number;
  readonly unitsPerPeriod: number;
}

export type ResourceCap =
  | { readonly kind: 'sustainableYield'; readonly unitsPerPeriod: number }
  | {
      readonly kind: 'depletion';
      /** Steps sorted by `fromPeriod`; before the first step nothing may be taken. */
      readonly schedule: readonly DepletionStep[];
      /** The whole known reserve; extraction over all periods never passes it. */
      readonly reserveUnits: number;
    };

export interface NaturalResource {
  readonly id: ResourceId;
  readonly kind: ResourceKind;
  readonly stewardAssociationId: AssociationId;
  readonly renewable: boolean;
  readonly cap: ResourceCap;
  /** The project whose weighted labour extracts (or surveys and maintains) the resource. */
  readonly extractionProjectId: ProjectId;
  /** Extraction effort per unit: the posted price of a unit (reference §4.14, §4.7 c2). */
  readonly extractionEffortMilliPerUnit: number;
  /** Units per period the steward reserves for basic needs when scarce (default 0). */
  readonly basicNeedsQuotaUnits?: number;
  /** Most quota units one claimant may draw (default 1). */
  readonly quotaUnitsPerClaimant?: number;
}

/** Associations that pooled resources into a distribution pool (reference §4.14 "pooling"). */
export interface ResourcePooling {
  readonly poolId: PoolId;
  readonly associationIds: readonly AssociationId[];
  readonly resourceIds: readonly ResourceId[];
}

export type ResourceFailureCode =
  | 'commons.bad_cap'
  | 'commons.nonrenewable_needs_depletion'
  | 'commons.not_pooled';

export function checkResource(
  resource: NaturalResource,
): Result<true, { code: ResourceFailureCode; detail: string }> {
  const cap = resource.cap;
  if (!resource.renewable && cap.kind !== 'depletion') {
    return failure(
      'commons.nonrenewable_needs_depletion',
      `${resource.id} is not renewable, so its cap must be a depletion schedule`,
    );
  }
  if (!isCount(resource.extractionEffortMilliPerUnit)) {
    return failure('commons.bad_cap', `${resource.id}: extraction effort must be ≥ 0`);
  }
  const quotaOk = [resource.basicNeedsQuotaUnits ?? 0, (resource.quotaUnitsPerClaimant ?? 1) - 1];
  if (!quotaOk.every(isCount)) {
    return failure(
      'commons.bad_cap',
      `${resource.id}: quota units must be integers ≥ 0 (≥ 1 each)`,
    );
  }
  if (cap.kind === 'sustainableYield') {
    if (!isCount(cap.unitsPerPeriod)) {
      return failure('commons.bad_cap', `${resource.id}: yield must be an integer ≥ 0`);
    }
    return ok(true);
  }
  if (!isCount(cap.reserveUnits)) {
    return failure('commons.bad_cap', `${resource.id}: reserve must be an integer ≥ 0`);
  }
  for (let index = 0; index < cap.schedule.length; index += 1) {
    const step = cap.schedule[index]!;
    const previous = cap.schedule[index - 1];
    if (!isCount(step.unitsPerPeriod)) {
      return failure('commons.bad_cap', `${resource.id}: schedule units must be integers ≥ 0`);
    }
    if (previous !== undefined && previous.fromPeriod >= step.fromPeriod) {
      return failure('commons.bad_cap', `${resource.id}: schedule must be sorted by period`);
    }
  }
  return ok(true);
}

/**
 * The cap for a period. For a depletion schedule: the scheduled units, but never more than
 * what is left of the reserve after `extractedSoFarUnits`.
 */
export function capForPeriod(
  resource: NaturalResource,
  period: number,
  extractedSoFarUnits = 0,
): number {
  const cap = resource.cap;
  if (cap.kind === 'sustainableYield') return cap.unitsPerPeriod;
  let scheduled = 0;
  for (const step of cap.schedule) {
    if (step.fromPeriod <= period) scheduled = step.unitsPerPeriod;
  }
  return Math.max(0, Math.min(scheduled, cap.reserveUnits - extractedSoFarUnits));
}

/** The steward must be one of the pooling associations: it contributes what it manages. */
export function checkPooling(
  pooling: ResourcePooling,
  resource: NaturalResource,
): Result<true, { code: ResourceFailureCode; detail: string }> {
  if (!pooling.resourceIds.includes(resource.id)) {
    return failure('commons.not_pooled', `${resource.id} is not in pool ${pooling.poolId}`);
  }
  if (!pooling.associationIds.includes(resource.stewardAssociationId)) {
    return failure(
      'commons.not_pooled',
      `steward ${resource.stewardAssociationId} of ${resource.id} is not a pooling association`,
    );
  }
  return ok(true);
}
