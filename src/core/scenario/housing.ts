// Glue between a scenario and housing by duration of use (M12): every dwelling advances one
// period of its life each period (lived in or not), its residents owe the dues, and the dues
// are posted resident → keeper project (`take.housing`) after the settlement.

import {
  advanceHousingPeriod,
  type HousingAccount,
  type HousingDue,
  type HousingUnit,
  housingPostings,
  openHousingAccount,
  unrecoveredEffortMilli,
} from '../commons/index.ts';
import type { PersonId, ProjectId } from '../ids.ts';
import type { TransferRequest } from '../ledger/index.ts';
import type { PoolChart } from '../pool/index.ts';
import type { Failure, Result } from '../result.ts';
import { failure, ok } from '../result.ts';
import { compareIds } from '../units.ts';
import type { Scenario } from './types.ts';

export interface DwellingPeriod {
  readonly unitId: string;
  readonly projectId: string;
  readonly occupiedPpm: number;
  readonly ratePerPeriodEffortMilli: number;
  readonly maintenanceEffortMilli: number;
  readonly dues: readonly HousingDue[];
  readonly recoveredEffortMilli: number;
  /** Build + maintenance not (yet) recovered from residents. */
  readonly unrecoveredEffortMilli: number;
}

export interface HousingPeriodResult {
  readonly dwellings: readonly DwellingPeriod[];
  readonly transfers: readonly TransferRequest[];
  readonly accounts: ReadonlyMap<string, HousingAccount>;
}

export function housingUnitsOf(scenario: Scenario): HousingUnit[] {
  return [...scenario.housingUnits]
    .sort((a, b) => compareIds(a.id, b.id))
    .map(({ projectId: _keeper, ...unit }) => unit);
}

export function openHousingAccounts(units: readonly HousingUnit[]): Map<string, HousingAccount> {
  return new Map(units.map((u) => [u.id, openHousingAccount(u)]));
}

export function housingPeriod(
  scenario: Scenario,
  chart: PoolChart,
  p: number,
  units: readonly HousingUnit[],
  accounts: ReadonlyMap<string, HousingAccount>,
): Result<HousingPeriodResult, Failure> {
  const spec = scenario.periods[p - 1]!;
  const keeperOf = new Map(scenario.housingUnits.map((u) => [u.id, u.projectId]));
  const dwellings: DwellingPeriod[] = [];
  const transfers: TransferRequest[] = [];
  const next = new Map(accounts);
  for (const unit of units) {
    const occupancy = spec.occupancy.find((o) => o.unitId === unit.id);
    const residents = (occupancy?.residents ?? []).map((r) => ({
      personId: r.personId as PersonId,
      shareWeight: r.shareWeight,
    }));
    const advanced = advanceHousingPeriod(unit, accounts.get(unit.id)!, {
      residents,
      ...(residents.length === 0 ? {} : { occupiedPpm: occupancy!.occupiedPpm }),
      actualMaintenanceEffortMilli: occupancy?.maintenanceEffortMilli ?? 0,
    });
    if (!advanced.ok) return failure(advanced.error.code, advanced.error.detail);
    const { account, dues } = advanced.value;
    next.set(unit.id, account);
    const projectId = keeperOf.get(unit.id)!;
    transfers.push(
      ...housingPostings(`p${p}.housing.${unit.id}`, unit.id, p, dues, {
        person: (id) => chart.persons.get(id)!,
        housing: () => chart.projects.get(projectId as ProjectId)!,
      }),
    );
    dwellings.push({
      unitId: unit.id,
      projectId,
      occupiedPpm: residents.length === 0 ? 0 : occupancy!.occupiedPpm,
      ratePerPeriodEffortMilli: account.ratePerPeriodEffortMilli,
      maintenanceEffortMilli: occupancy?.maintenanceEffortMilli ?? 0,
      dues,
      recoveredEffortMilli: account.recoveredEffortMilli,
      unrecoveredEffortMilli: unrecoveredEffortMilli(unit, account),
    });
  }
  return ok({ dwellings, transfers, accounts: next });
}
