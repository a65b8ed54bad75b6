// Who may use an association's services in a period (reference §4.11 edge cases, §4.9).
//
// Adults who can contribute but do not are not dependents: past their debit allowance they
// are in arrears and lose optional takings. Basic-needs bundles (water, clinic, minimal food)
// stay available and unconditional if the association decided so; dependents always keep
// them, because redistribution covers them.

import { failure, ok, type Result } from '../result.ts';
import type { AssociationSettings, PublicService } from './shares.ts';

export type MemberStanding = 'ok' | 'inArrears' | 'dependent';

export interface ServiceAccess {
  /** The charge for this service is posted past the debit allowance, recorded as such. */
  readonly boundException?: 'basicNeeds';
}

export function mayUseService(
  service: PublicService,
  settings: AssociationSettings,
  standing: MemberStanding,
): Result<ServiceAccess, { code: 'association.in_arrears'; detail: string }> {
  if (standing === 'ok' || standing === 'dependent') return ok({});
  if (service.basicNeeds && settings.basicNeedsInArrears) {
    return ok({ boundException: 'basicNeeds' });
  }
  return failure(
    'association.in_arrears',
    service.basicNeeds
      ? `association ${settings.associationId} does not keep basic needs open in arrears`
      : `service ${service.serviceId} is not a basic need and the member is in arrears`,
  );
}

/** In arrears when the balance (credits − debits) is below −allowance (reference §4.9). */
export function standingOf(
  balanceEffortMilli: number,
  debitAllowanceEffortMilli: number,
  isDependent: boolean,
): MemberStanding {
  if (isDependent) return 'dependent';
  return balanceEffortMilli < -debitAllowanceEffortMilli ? 'inArrears' : 'ok';
}
