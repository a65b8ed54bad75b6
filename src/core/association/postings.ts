// Ledger postings for one period of local associations (reference §4.9 ledger design, §4.11).
//
// The association's account is a pass-through, like a project's: it is credited with every
// contributor's share and debited with the effort of each service (credited to the providing
// project) and with the redistribution surcharge (credited to its redistribution account).
// The redistribution account in turn covers each dependent's takings up to the allowance by
// crediting the dependent, whose takings were debited by the goods code as for anyone else.
// So after a period both the association and its redistribution account net to zero, and
// every person charged a share is DEBITED (balance = credits − debits).

import type { AccountId, AssociationId, PersonId, ProjectId } from '../ids.ts';
import { transferBatch } from '../ledger/batch.ts';
import type { TransferRequest } from '../ledger/types.ts';
import { compareIds } from '../units.ts';
import type { AssociationSettings, AssociationShares, PublicService } from './shares.ts';

/** Where the accounts of the parties are; the application resolves them from storage. */
export interface AssociationAccounts {
  person(personId: PersonId): AccountId;
  project(projectId: ProjectId): AccountId;
  association(associationId: AssociationId): AccountId;
  redistribution(associationId: AssociationId): AccountId;
}

export const ASSOCIATION_CODES = {
  shareBasic: 'association.share.basic',
  share: 'association.share',
  service: 'association.service',
  surcharge: 'redistribution.surcharge',
  cover: 'redistribution.cover',
} as const;

/**
 * The postings of one period, in a fixed order. Transfer ids are `${batchId}.${n}`, so a
 * retried batch carries the same idempotency keys.
 */
export function associationPostings(
  batchId: string,
  shares: AssociationShares,
  services: readonly PublicService[],
  settings: readonly AssociationSettings[],
  accounts: AssociationAccounts,
): TransferRequest[] {
  const batch = transferBatch(batchId);
  const add = (
    debitAccountId: AccountId,
    creditAccountId: AccountId,
    amount: number,
    code: string,
    reference: string,
    basicNeeds = false,
  ): void =>
    batch.add({
      unit: 'effort',
      period: shares.period,
      debitAccountId,
      creditAccountId,
      amount,
      code,
      reference,
      ...(basicNeeds ? { boundException: 'basicNeeds' as const } : {}),
    });
  const inArrearsAllowed = new Map(settings.map((s) => [s.associationId, s.basicNeedsInArrears]));

  for (const share of shares.shares) {
    for (const level of share.levels) {
      const from = accounts.person(share.personId);
      const to = accounts.association(level.associationId);
      add(
        from,
        to,
        level.basicEffortMilli,
        ASSOCIATION_CODES.shareBasic,
        level.associationId,
        inArrearsAllowed.get(level.associationId) === true,
      );
      add(from, to, level.otherEffortMilli, ASSOCIATION_CODES.share, level.associationId);
    }
  }
  const sortedServices = [...services].sort((a, b) => compareIds(a.serviceId, b.serviceId));
  for (const service of sortedServices) {
    add(
      accounts.association(service.associationId),
      accounts.project(service.projectId),
      service.effortMilli,
      ASSOCIATION_CODES.service,
      service.serviceId,
    );
  }
  for (const budget of shares.budgets) {
    add(
      accounts.association(budget.associationId),
      accounts.redistribution(budget.associationId),
      budget.redistributionEffortMilli,
      ASSOCIATION_CODES.surcharge,
      budget.associationId,
    );
  }
  for (const cover of shares.coverage) {
    add(
      accounts.redistribution(cover.associationId),
      accounts.person(cover.personId),
      cover.coveredEffortMilli,
      ASSOCIATION_CODES.cover,
      cover.personId,
    );
  }
  return batch.requests;
}
