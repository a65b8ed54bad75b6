// Time banks and mutual aid networks (MODEL.md M15, reference §6.2 B1, B2).
//
// A time bank is a pool whose setting `weighting: flat` fixes every weight at 1.000, so an
// hour is an hour. A service is a task done for a person: the giver is credited and the
// beneficiary debited hours × weight, with the ledger code `work.service` — the one code the
// ledger lets move effort from person to person. Credits stay claims on the pool, not a
// currency: nothing else moves between persons. A mutual aid network is one pool holding a
// time bank, a food coop, a care coop and a local association, so the hour given at one is on
// the same account that takings at all the others debit (Bauwens' "time dollars").

import type { AccountId, PersonId, TransferId } from '../ids.ts';
import { asId } from '../ids.ts';
import { SERVICE_CODE } from '../ledger/index.ts';
import type { TransferRequest } from '../ledger/types.ts';
import { failure, ok, type Result } from '../result.ts';
import {
  creditEffortMilli,
  type Minutes,
  minutes,
  WEIGHT_ONE_MILLI,
  type WeightMilli,
} from '../units.ts';

export type Weighting = 'flat' | 'auction';

/**
 * The ledger's code for a service from person to person: the ledger's own constant, so the
 * one code it lets move effort between persons is defined in one place. Re-exported under
 * this name for callers of the association module.
 */
export { SERVICE_CODE as WORK_SERVICE_CODE };

/** The weight a pool credits: 1.000 in a flat (time-bank) pool, the cleared weight otherwise. */
export function effectiveWeight(weighting: Weighting, clearedWeight: WeightMilli): WeightMilli {
  return weighting === 'flat' ? WEIGHT_ONE_MILLI : clearedWeight;
}

export interface ServiceRecord {
  readonly recordId: string;
  readonly giver: PersonId;
  readonly beneficiary: PersonId;
  readonly durationMinutes: Minutes;
  /** M2: credits post only after the work is confirmed, here by the beneficiary or a named peer. */
  readonly confirmedBy?: PersonId;
  readonly period: number;
}

export type ServiceFailureCode =
  | 'timebank.self_service'
  | 'timebank.unconfirmed'
  | 'timebank.empty'
  | 'timebank.weight_not_flat';

export interface ServiceAccounts {
  person(personId: PersonId): AccountId;
}

/**
 * The posting for one confirmed service: debit the beneficiary, credit the giver, at
 * `creditEffortMilli(minutes, weight)`. In a flat pool any weight other than 1.000 is refused,
 * so a time bank can never be turned into a weighted market by accident.
 */
export function servicePosting(
  record: ServiceRecord,
  weighting: Weighting,
  weight: WeightMilli,
  accounts: ServiceAccounts,
): Result<TransferRequest, { code: ServiceFailureCode; detail: string }> {
  if (record.giver === record.beneficiary) {
    return failure('timebank.self_service', `${record.giver} cannot serve themselves`);
  }
  if (record.confirmedBy === undefined || record.confirmedBy === record.giver) {
    return failure('timebank.unconfirmed', `service ${record.recordId} is not confirmed`);
  }
  if (weighting === 'flat' && weight !== WEIGHT_ONE_MILLI) {
    return failure('timebank.weight_not_flat', `a flat pool credits every hour at 1.000`);
  }
  const amount = creditEffortMilli(minutes(record.durationMinutes), weight);
  if (amount <= 0) return failure('timebank.empty', `service ${record.recordId} credits nothing`);
  return ok({
    id: asId<'Transfer'>(`service.${record.recordId}`) as TransferId,
    debitAccountId: accounts.person(record.beneficiary),
    creditAccountId: accounts.person(record.giver),
    amount,
    unit: 'effort',
    code: SERVICE_CODE,
    reference: record.recordId,
    period: record.period,
  });
}
