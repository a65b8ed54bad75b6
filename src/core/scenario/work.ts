// A period's work records (M2): checked against the auction the person won (`recordWork`),
// confirmed by whom the project's policy lets confirm (`confirmationPolicy`, M1; checked by
// `confirmWork`), and credited at once as `work.credit` transfers at the instance's final
// weight. Measurable work is credited by its standard time (units done × minutes per unit),
// not by the minutes it took. A no-show's slot was released in the market, so a record for it
// is refused (`work.not_assigned`).

import type { PersonId, TransferId } from '../ids.ts';
import type { TransferRequest } from '../ledger/index.ts';
import { confirmWork, type InstanceAuction, recordWork } from '../market/index.ts';
import type { PoolChart } from '../pool/index.ts';
import { type ConfirmationPolicy, confirmationPolicy } from '../project/index.ts';
import type { Minutes } from '../units.ts';
import type { PeriodMarket } from './market.ts';
import { projectView } from './project-view.ts';
import { byId, type Step, stop } from './step.ts';
import type { PeriodSpec, Scenario } from './types.ts';

/** The policy of a project the file does not list: nobody may confirm for it. */
const NOBODY: ConfirmationPolicy = { maintainers: [], namedPeers: [] };

/** One work record as credited: by time or by units, confirmed or not. */
export interface WorkCredit {
  readonly recordId: string;
  readonly personId: string;
  readonly instanceId: string;
  readonly projectId: string;
  readonly minutes: number;
  /** Units done of measurable work; null when credited by time. */
  readonly unitsDone: number | null;
  /** What the credit is for: the minutes worked, or units × the standard time. */
  readonly creditedMinutes: number;
  readonly confirmed: boolean;
  readonly weightMilli: number | null;
  readonly amountEffortMilli: number;
}

/** Confirmed work records become `work.credit` transfers, posted when confirmed (M2). */
export function creditWork(
  scenario: Scenario,
  chart: PoolChart,
  p: number,
  period: PeriodSpec,
  market: PeriodMarket,
): Step<{ credits: WorkCredit[]; transfers: TransferRequest[] }> {
  const auctions = new Map<string, InstanceAuction>(market.auctions.map((a) => [a.instanceId, a]));
  const policies = new Map<string, ConfirmationPolicy>(
    scenario.projects.map((x) => [x.id, confirmationPolicy(projectView(x))]),
  );
  const standards = new Map(period.tasks.map((t) => [t.id, t.standardMinutesPerUnit]));
  const credits: WorkCredit[] = [];
  const transfers: TransferRequest[] = [];
  for (const w of byId(period.work)) {
    const auction = auctions.get(w.instanceId)!;
    const projectId = market.projectOf.get(w.instanceId)!;
    const recorded = recordWork({
      recordId: w.id,
      auction,
      projectId,
      personId: w.personId as PersonId,
      period: p,
      minutesWorked: w.minutes,
      ...(w.unitsDone === null ? {} : { unitsDone: w.unitsDone }),
      standardMinutesPerUnit: (standards.get(w.instanceId) ?? null) as Minutes | null,
    });
    if (!recorded.ok)
      return stop(p, null, recorded.error.code, `work ${w.id}: ${recorded.error.detail}`);
    let credit: WorkCredit = {
      recordId: w.id,
      personId: w.personId,
      instanceId: w.instanceId,
      projectId,
      minutes: w.minutes,
      unitsDone: recorded.value.unitsDone,
      creditedMinutes: recorded.value.creditedMinutes,
      confirmed: false,
      weightMilli: null,
      amountEffortMilli: 0,
    };
    if (w.confirmedBy !== null && auction.weightMilli !== null) {
      const confirmed = confirmWork(recorded.value, {
        confirmerId: w.confirmedBy as PersonId,
        policy: policies.get(projectId) ?? NOBODY,
        weightMilli: auction.weightMilli,
        transferId: `p${p}.work.${w.id}` as TransferId,
        projectAccountId: chart.projects.get(projectId)!,
        personAccountId: chart.persons.get(w.personId as PersonId)!,
      });
      if (!confirmed.ok) {
        return stop(p, null, confirmed.error.code, `work ${w.id}: ${confirmed.error.detail}`);
      }
      transfers.push(confirmed.value.transfer);
      credit = {
        ...credit,
        confirmed: true,
        weightMilli: auction.weightMilli,
        amountEffortMilli: confirmed.value.transfer.amount,
      };
    }
    credits.push(credit);
  }
  return { ok: true, value: { credits, transfers } };
}
