// Services from person to person (M15, time bank): each confirmed record becomes the one
// person-to-person transfer the ledger allows (`work.service`, beneficiary → giver), posted
// after the settlement; unconfirmed records are listed and credit nothing.

import { servicePosting } from '../association/index.ts';
import type { PersonId } from '../ids.ts';
import type { TransferRequest } from '../ledger/index.ts';
import type { PoolChart } from '../pool/index.ts';
import type { Failure, Result } from '../result.ts';
import { failure, ok } from '../result.ts';
import type { Minutes, WeightMilli } from '../units.ts';
import { byId } from './step.ts';
import type { Scenario } from './types.ts';

export interface PersonalService {
  readonly id: string;
  readonly giverId: string;
  readonly beneficiaryId: string;
  readonly minutes: number;
  readonly confirmed: boolean;
  readonly amountEffortMilli: number;
}

export function personalServices(
  scenario: Scenario,
  chart: PoolChart,
  p: number,
): Result<{ services: PersonalService[]; transfers: TransferRequest[] }, Failure> {
  const services: PersonalService[] = [];
  const transfers: TransferRequest[] = [];
  for (const s of byId(scenario.periods[p - 1]!.personalServices)) {
    const record = {
      recordId: `p${p}.${s.id}`,
      giver: s.giverId as PersonId,
      beneficiary: s.beneficiaryId as PersonId,
      durationMinutes: s.minutes as Minutes,
      ...(s.confirmedBy === null ? {} : { confirmedBy: s.confirmedBy as PersonId }),
      period: p,
    };
    const base = {
      id: s.id,
      giverId: s.giverId,
      beneficiaryId: s.beneficiaryId,
      minutes: s.minutes,
    };
    if (s.confirmedBy === null) {
      services.push({ ...base, confirmed: false, amountEffortMilli: 0 });
      continue;
    }
    const posted = servicePosting(record, scenario.pool.weighting, s.weightMilli as WeightMilli, {
      person: (id) => chart.persons.get(id)!,
    });
    if (!posted.ok) return failure(posted.error.code, `${s.id}: ${posted.error.detail}`);
    transfers.push(posted.value);
    services.push({ ...base, confirmed: true, amountEffortMilli: posted.value.amount });
  }
  return ok({ services, transfers });
}
