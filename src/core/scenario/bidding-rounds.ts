// Bidding rounds (M5, reference §7.3; decision 0016): members pledge until the budget of a term
// of one or more periods is covered; a covered term (or one whose budget was cut to the
// pledges) settles each member's per-period effort pledge in every period of the term, and a
// surplus is kept as the project's reserve or lowers the bundle's next guideline. One of the
// allocation models besides effort-based takings (allocation-models.ts).

import {
  type BiddingRoundOutcome,
  evaluateTermRound,
  type Pledge,
  termGuideline,
} from '../goods/index.ts';
import type { PersonId, ProjectId } from '../ids.ts';
import { flatRateEvents } from '../pool/index.ts';
import { cents, compareIds, effortMilli, type SplitPart, sumIntegers } from '../units.ts';
import { type AllocationModelsCarried, addTo, type Charged } from './allocation-models.ts';
import { byId, type Step, stop } from './step.ts';
import type { BiddingRoundSpec, PeriodSpec } from './types.ts';

export interface BiddingRoundLine {
  readonly id: string;
  readonly projectId: string;
  readonly rounds: readonly BiddingRoundOutcome[];
  readonly outcome: BiddingRoundOutcome['outcome'];
  /** Money pledges of a covered round, for the project's own money ledger (never effort). */
  readonly moneyPledges: readonly Pledge[];
  /** Only for a spec with more than the one-period defaults. */
  readonly term?: BiddingTermLine;
}

/** What a term with more than the one-period defaults decided (reported only for those). */
export interface BiddingTermLine {
  readonly termPeriods: number;
  readonly surplus: BiddingRoundSpec['surplus'];
  readonly onFailure: BiddingRoundSpec['onFailure'];
  /** The previous term's surplus counted towards this budget (`lowerGuideline`). */
  readonly carriedInEffortMilli: number;
  readonly carriedInMoneyCents: number;
  /** Round 1's guideline per member and period: (E_B − carried) ÷ term, rounded up, ÷ N. */
  readonly firstGuidelineEffortMilli: readonly SplitPart<PersonId>[];
  readonly settled: 'covered' | 'budgetCut' | 'none';
  /** The budget settled over the term: E_B, the pledges when cut, 0 when nothing settles. */
  readonly settledBudgetEffortMilli: number;
  readonly surplusEffortMilli: number;
  readonly surplusMoneyCents: number;
  /** The part of the surplus the project holds as a reserve. */
  readonly reserveEffortMilli: number;
  /** The part carried to the next term of the same id, lowering its guideline. */
  readonly carriedOutEffortMilli: number;
  readonly carriedOutMoneyCents: number;
}

/** One period of a settled term with more than the one-period defaults. */
export interface BiddingChargeLine {
  readonly id: string;
  readonly projectId: string;
  /** Which period of the term this is, 1-based. */
  readonly termPeriod: number;
  readonly termPeriods: number;
  /** The budget's part for this period: the project's labour for the bundle in it. */
  readonly budgetPartEffortMilli: number;
  /** Σ of the members' per-period effort pledges, charged as their shares. */
  readonly chargedEffortMilli: number;
  readonly chargedMoneyCents: number;
}

/** A settled term, charged period by period until it ends (carried between periods). */
export interface RunningTerm {
  readonly id: string;
  readonly projectId: string;
  readonly fromPeriod: number;
  /** The budget's part of each period of the term. */
  readonly budgetParts: readonly number[];
  /** Each member's pledge per period. */
  readonly pledges: readonly Pledge[];
  /** Charges appear in the report (the spec has more than the one-period defaults). */
  readonly reported: boolean;
}

/** Periods of a term and which of them `p` is (0-based), or null outside it. */
const termIndex = (term: RunningTerm, p: number): number | null =>
  p >= term.fromPeriod && p < term.fromPeriod + term.budgetParts.length
    ? p - term.fromPeriod
    : null;

/** The budget's part of each period of the term: equal parts, the remainder one each to the
 *  earliest periods (largest remainder with ties to the earlier period). */
function budgetParts(budgetEffortMilli: number, periods: number): number[] {
  const base = Math.floor(budgetEffortMilli / periods);
  const left = budgetEffortMilli - base * periods;
  return Array.from({ length: periods }, (_, k) => base + (k < left ? 1 : 0));
}

/** A spec with anything but the one-period defaults: its term is shown in the report. */
const extended = (spec: BiddingRoundSpec): boolean =>
  spec.termPeriods !== 1 || spec.surplus !== 'reserve' || spec.onFailure !== 'changePlan';

/**
 * Bidding rounds (reference §7.3): each listed round is evaluated in turn until one covers
 * the term's budget (or the limit fails it); pledges are per period, × the term's periods,
 * plus any surplus carried from the bundle's previous term. A covered term (or one whose
 * budget was cut to the pledges after the last round failed) is settled in every period of
 * the term: each member's effort pledge is their share (× factor, like flat-rate shares), and
 * the project's labour for the bundle in that period is the budget's part for it, so pledges
 * beyond it are a reserve the project holds (its value falls by them). A round that is not
 * covered, and whose plan is changed instead, settles nothing.
 */
export function biddingRoundsPeriod(
  p: number,
  period: PeriodSpec,
  carried: AllocationModelsCarried,
): Step<Charged<BiddingRoundLine> & { charges: BiddingChargeLine[] }> {
  const out: Charged<BiddingRoundLine> & { charges: BiddingChargeLine[] } = {
    lines: [],
    events: [],
    valueChange: new Map(),
    charges: [],
  };
  for (const spec of byId(period.biddingRounds)) {
    const budget = {
      effortMilli: effortMilli(spec.budgetEffortMilli),
      moneyCents: cents(spec.budgetMoneyCents),
    };
    const carriedIn = carried.biddingSurplus.get(spec.id) ?? { effortMilli: 0, moneyCents: 0 };
    const term = {
      periods: spec.termPeriods,
      carriedEffortMilli: carriedIn.effortMilli,
      carriedMoneyCents: carriedIn.moneyCents,
    };
    const rounds: BiddingRoundOutcome[] = [];
    let pledges: Pledge[] = [];
    for (const [index, round] of spec.rounds.entries()) {
      pledges = [...round.pledges]
        .sort((a, b) => compareIds(a.personId, b.personId))
        .map((x) => ({
          personId: x.personId as PersonId,
          effortMilli: effortMilli(x.effortMilli),
          moneyCents: cents(x.moneyCents),
        }));
      const outcome = evaluateTermRound(budget, term, index + 1, spec.roundLimit, pledges);
      if (!outcome.ok) {
        return stop(p, null, outcome.error.code, `${spec.id}: ${outcome.error.detail}`);
      }
      rounds.push(outcome.value);
      if (outcome.value.outcome !== 'nextRound') break;
    }
    const last = rounds[rounds.length - 1]!;
    const cut = last.outcome === 'failed' && spec.onFailure === 'cutBudget';
    const settles = last.outcome === 'covered' || cut;
    // A cut budget is what the last round pledged over the term, with the carried surplus.
    const settledBudget = !settles
      ? 0
      : cut
        ? last.pledgedEffortMilli + carriedIn.effortMilli
        : spec.budgetEffortMilli;
    const surplus = {
      effortMilli: settles ? last.surplusEffortMilli : 0,
      moneyCents: settles ? last.surplusMoneyCents : 0,
    };
    const carriedOut =
      settles && spec.surplus === 'lowerGuideline' ? surplus : { effortMilli: 0, moneyCents: 0 };
    if (settles) {
      carried.biddingSurplus.delete(spec.id);
      if (carriedOut.effortMilli > 0 || carriedOut.moneyCents > 0) {
        carried.biddingSurplus.set(spec.id, carriedOut);
      }
      carried.biddingTerms.push({
        id: spec.id,
        projectId: spec.projectId,
        fromPeriod: p,
        budgetParts: budgetParts(settledBudget, spec.termPeriods),
        pledges: cut ? pledges : last.obligations,
        reported: extended(spec),
      });
    }
    const moneyPledges = (cut ? pledges : last.obligations).filter((x) => x.moneyCents > 0);
    out.lines.push({
      id: spec.id,
      projectId: spec.projectId,
      rounds,
      outcome: last.outcome,
      moneyPledges: settles ? moneyPledges : [],
      ...(extended(spec)
        ? {
            term: {
              termPeriods: spec.termPeriods,
              surplus: spec.surplus,
              onFailure: spec.onFailure,
              carriedInEffortMilli: carriedIn.effortMilli,
              carriedInMoneyCents: carriedIn.moneyCents,
              firstGuidelineEffortMilli: termGuideline(
                budget,
                term,
                (spec.rounds[0]?.pledges ?? []).map((x) => x.personId as PersonId),
              ).effort,
              settled: last.outcome === 'covered' ? 'covered' : cut ? 'budgetCut' : 'none',
              settledBudgetEffortMilli: settledBudget,
              surplusEffortMilli: surplus.effortMilli,
              surplusMoneyCents: surplus.moneyCents,
              reserveEffortMilli: surplus.effortMilli - carriedOut.effortMilli,
              carriedOutEffortMilli: carriedOut.effortMilli,
              carriedOutMoneyCents: carriedOut.moneyCents,
            },
          }
        : {}),
    });
  }
  // Every term running in this period (started now or before) charges its period's pledges.
  const running = carried.biddingTerms
    .filter((t) => termIndex(t, p) !== null)
    .sort((a, b) => compareIds(a.id, b.id) || a.fromPeriod - b.fromPeriod);
  for (const t of running) {
    const k = termIndex(t, p)!;
    const shares = t.pledges.map((x) => ({ id: x.personId, amount: x.effortMilli }));
    out.events.push(
      ...flatRateEvents(shares, t.projectId as ProjectId, t.id, `p${p}.bidding.${t.id}`),
    );
    const charged = sumIntegers(t.pledges.map((x) => x.effortMilli));
    addTo(out.valueChange, t.projectId, t.budgetParts[k]! - charged);
    if (t.reported) {
      out.charges.push({
        id: t.id,
        projectId: t.projectId,
        termPeriod: k + 1,
        termPeriods: t.budgetParts.length,
        budgetPartEffortMilli: t.budgetParts[k]!,
        chargedEffortMilli: charged,
        chargedMoneyCents: sumIntegers(t.pledges.map((x) => x.moneyCents)),
      });
    }
  }
  carried.biddingTerms = carried.biddingTerms.filter(
    (t) => t.fromPeriod + t.budgetParts.length - 1 > p,
  );
  return { ok: true, value: out };
}
