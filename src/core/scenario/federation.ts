// Federation of pools in one scenario file (M16, reference §4.9 "Several pools"; decision
// 0012). Every pool of the file runs on its own ledger through the per-pool runner, in step,
// period by period. A member's taking in another pool and a member's work for another pool's
// project become settlement events on the two pools' federation accounts (no transfer ever
// joins two persons, nor two pools' ledgers). Amounts are counted in the pool where the good
// was made or the work done and converted into the member's pool by the pools' weight indices
// W̄ as published for the period before (1.000 before any work). After each period the two
// federation accounts' movements are reconciled (`reconcileFederation`); a mismatch beyond the
// rounding of the conversions stops the run at the invariant `federation`. Two pools may close
// (part of) the position between them by agreement (`federationWriteOffs`, decision 0017):
// each pool writes off the agreed share of its own balance as it stood at the close of the
// period before, federation account ↔ its own adjustment account, in the same settlement as
// the period's deliveries; the reconciliation compares the movements without these parts.

import type { PersonId, PoolId, ProjectId } from '../ids.ts';
import { federationWriteOffShare, reconcileFederation } from '../pool/index.ts';
import {
  compareIds,
  creditEffortMilli,
  minutes,
  mulDivRoundHalfEven,
  weightMilli,
} from '../units.ts';
import type { CrossPoolPeriod } from './cross-pool.ts';
import { type RunState, runResult, startRun, stepPeriod } from './run-state.ts';
import type {
  FederationDelivery,
  FederationLine,
  FederationPeriod,
  FederationWriteOff,
  PeriodRun,
  RunOptions,
  ScenarioRun,
} from './run-types.ts';
import type { RunStop } from './step.ts';

export type {
  FederationDelivery,
  FederationLine,
  FederationPeriod,
  FederationRun,
  FederationWriteOff,
} from './run-types.ts';

import type { Scenario } from './types.ts';
import { periodWeightIndexMilli } from './weight-index.ts';

interface Building {
  events: CrossPoolPeriod['events'][number][];
  stockOut: Map<string, number>;
  inventoryChange: Map<string, number>;
}

const add = (map: Map<string, number>, key: string, amount: number) =>
  map.set(key, (map.get(key) ?? 0) + amount);

/** The period's events of every pool, and what each delivery came to in both pools' hours. */
function crossPoolPeriods(
  pools: readonly Scenario[],
  weightIndex: ReadonlyMap<string, number>,
  p: number,
  balanceBefore: (poolId: string, otherPoolId: string) => number,
): {
  extras: Map<string, CrossPoolPeriod>;
  deliveries: FederationDelivery[];
  writeOffs: FederationWriteOff[];
} {
  const building = new Map<string, Building>(
    pools.map((s) => [s.pool.id, { events: [], stockOut: new Map(), inventoryChange: new Map() }]),
  );
  const byId = new Map(pools.map((s) => [s.pool.id, s]));
  const deliveries: FederationDelivery[] = [];
  for (const member of pools) {
    const m = member.pool.id;
    const own = building.get(m)!;
    const period = member.periods[p - 1]!;
    for (const t of period.federationTakes) {
      const host = byId.get(t.poolId)!;
      const other = building.get(t.poolId)!;
      const product = host.products.find((x) => x.id === t.productId)!;
      const hostAmount = product.unitPriceEffortMilli * t.units;
      const memberAmount = mulDivRoundHalfEven(
        hostAmount,
        weightIndex.get(m)!,
        weightIndex.get(t.poolId)!,
      );
      const key = `${t.personId}.${t.productId}`;
      own.events.push({
        kind: 'federationTake',
        id: `p${p}.federation.take.${t.poolId}.${key}`,
        personId: t.personId as PersonId,
        otherPoolId: t.poolId as PoolId,
        amountEffortMilli: memberAmount,
      });
      other.events.push({
        kind: 'federationSupply',
        id: `p${p}.federation.supply.${m}.${key}`,
        projectId: product.projectId as ProjectId,
        otherPoolId: m as PoolId,
        amountEffortMilli: hostAmount,
      });
      add(other.stockOut, product.id, t.units);
      add(other.inventoryChange, product.projectId, -hostAmount);
      deliveries.push({
        kind: 'take',
        memberPoolId: m,
        hostPoolId: t.poolId,
        personId: t.personId,
        reference: t.productId,
        projectId: product.projectId,
        units: t.units,
        minutes: null,
        memberEffortMilli: memberAmount,
        hostEffortMilli: hostAmount,
      });
    }
    for (const w of period.federationWork) {
      const other = building.get(w.poolId)!;
      const hostAmount = creditEffortMilli(minutes(w.minutes), weightMilli(w.weightMilli));
      const memberAmount = mulDivRoundHalfEven(
        hostAmount,
        weightIndex.get(m)!,
        weightIndex.get(w.poolId)!,
      );
      own.events.push({
        kind: 'federationWork',
        id: `p${p}.federation.work.${w.poolId}.${w.id}`,
        personId: w.personId as PersonId,
        otherPoolId: w.poolId as PoolId,
        amountEffortMilli: memberAmount,
      });
      other.events.push({
        kind: 'federationWorkHosted',
        id: `p${p}.federation.hosted.${m}.${w.id}`,
        projectId: w.projectId as ProjectId,
        otherPoolId: m as PoolId,
        amountEffortMilli: hostAmount,
      });
      // The hosted work went into the project's work in progress.
      add(other.inventoryChange, w.projectId, hostAmount);
      deliveries.push({
        kind: 'work',
        memberPoolId: m,
        hostPoolId: w.poolId,
        personId: w.personId,
        reference: w.id,
        projectId: w.projectId,
        units: null,
        minutes: w.minutes,
        memberEffortMilli: memberAmount,
        hostEffortMilli: hostAmount,
      });
    }
  }
  const writeOffs: FederationWriteOff[] = [];
  for (const member of pools) {
    const m = member.pool.id;
    for (const w of member.periods[p - 1]!.federationWriteOffs) {
      const before = balanceBefore(m, w.poolId);
      const otherBefore = balanceBefore(w.poolId, m);
      const line: FederationWriteOff = {
        poolId: m,
        otherPoolId: w.poolId,
        sharePpm: w.sharePpm,
        balanceBeforeEffortMilli: before,
        otherBalanceBeforeEffortMilli: otherBefore,
        writtenOffEffortMilli: federationWriteOffShare(before, w.sharePpm),
        otherWrittenOffEffortMilli: federationWriteOffShare(otherBefore, w.sharePpm),
      };
      writeOffs.push(line);
      const sides: [string, string, number][] = [
        [m, w.poolId, line.writtenOffEffortMilli],
        [w.poolId, m, line.otherWrittenOffEffortMilli],
      ];
      for (const [poolId, otherPoolId, amount] of sides) {
        if (amount === 0) continue;
        building.get(poolId)!.events.push({
          kind: 'federationWriteOff',
          id: `p${p}.federation.writeOff.${otherPoolId}`,
          otherPoolId: otherPoolId as PoolId,
          writtenOffEffortMilli: amount,
        });
      }
    }
  }
  writeOffs.sort(
    (a, b) => compareIds(a.poolId, b.poolId) || compareIds(a.otherPoolId, b.otherPoolId),
  );
  const order = (d: FederationDelivery) =>
    `${d.memberPoolId}|${d.hostPoolId}|${d.kind}|${d.personId}|${d.reference}`;
  deliveries.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { extras: building, deliveries, writeOffs };
}

/** One pool's run in step with the others: its state and the periods it ran. */
interface PoolRun {
  state: RunState;
  readonly periods: PeriodRun[];
}

/** Runs the pool's next period, with what federated pools add to it; false once stopped. */
function stepPoolRun(run: PoolRun, extra: CrossPoolPeriod | undefined): boolean {
  const inputs = run.state.file.periods[run.periods.length];
  if (inputs === undefined) return false;
  const stepped = stepPeriod(run.state, inputs, extra);
  run.state = stepped.state;
  if (stepped.period === null) return false;
  run.periods.push(stepped.period);
  return true;
}

const poolRunResult = (run: PoolRun): ScenarioRun => runResult(run.state, run.periods);

/** The federation account of `run` for pool `other` at the close of its last period run. */
function closingFederationBalance(run: PoolRun, other: string): number {
  const account = run.state.chart.federation.get(other as PoolId)!;
  const last = run.periods[run.periods.length - 1];
  return last === undefined ? 0 : (last.closingBalances.get(account) ?? 0);
}

/** The federation account of `run` for pool `other`: its balance now and before the period. */
function federationAccount(run: PoolRun, other: string) {
  const account = run.state.chart.federation.get(other as PoolId)!;
  const periods = run.periods;
  const closing = periods[periods.length - 1]!.closingBalances.get(account) ?? 0;
  const opening =
    periods.length < 2 ? 0 : (periods[periods.length - 2]!.closingBalances.get(account) ?? 0);
  return { account, closing, change: closing - opening };
}

/** Reconciles every pair of pools after period p; a stop when a pair does not match. */
function reconcile(
  runs: readonly PoolRun[],
  weightIndex: ReadonlyMap<string, number>,
  deliveries: readonly FederationDelivery[],
  writeOffs: readonly FederationWriteOff[],
  p: number,
): { lines: FederationLine[]; stop: RunStop | null } {
  // What each pool wrote off for the other: not a delivery, so not compared by conversion.
  const writtenOff = new Map<string, number>();
  for (const w of writeOffs) {
    writtenOff.set(`${w.poolId}|${w.otherPoolId}`, -w.writtenOffEffortMilli);
    writtenOff.set(`${w.otherPoolId}|${w.poolId}`, -w.otherWrittenOffEffortMilli);
  }
  const lines: FederationLine[] = [];
  const sorted = [...runs].sort((a, b) => (a.state.chart.poolId < b.state.chart.poolId ? -1 : 1));
  for (const [i, a] of sorted.entries()) {
    for (const b of sorted.slice(i + 1)) {
      const x = a.state.chart.poolId;
      const y = b.state.chart.poolId;
      const sideA = federationAccount(a, y);
      const sideB = federationAccount(b, x);
      const wA = weightIndex.get(x)!;
      const wB = weightIndex.get(y)!;
      // Each conversion rounds by at most half a mWH of the member's pool; in B's hours that
      // is at most half of W̄_B / W̄_A, and the comparison rounds once more.
      const n = deliveries.filter(
        (d) =>
          (d.memberPoolId === x && d.hostPoolId === y) ||
          (d.memberPoolId === y && d.hostPoolId === x),
      ).length;
      const tolerance = n === 0 ? 0 : Math.ceil((n * Math.max(wA, wB) + wA) / (2 * wA));
      const side = (poolId: PoolId, s: typeof sideA, w: number) => ({
        poolId,
        balanceEffortMilli: s.change - (writtenOff.get(`${poolId}|${poolId === x ? y : x}`) ?? 0),
        weightIndexMilli: w,
      });
      const checked = reconcileFederation(side(x, sideA, wA), side(y, sideB, wB), tolerance);
      if (!checked.ok) {
        const { code, detail } = checked.error;
        return { lines, stop: { period: p, invariant: 'federation', code, detail } };
      }
      const aOwes = sideA.closing > 0 || (sideA.closing === 0 && sideB.closing < 0);
      const even = sideA.closing === 0 && sideB.closing === 0;
      lines.push({
        poolId: x,
        otherPoolId: y,
        weightIndexMilli: wA,
        otherWeightIndexMilli: wB,
        changeEffortMilli: sideA.change,
        otherChangeEffortMilli: sideB.change,
        conversionDifferenceEffortMilli: checked.value.conversionDifferenceEffortMilli,
        toleranceEffortMilli: tolerance,
        balanceEffortMilli: sideA.closing,
        otherBalanceEffortMilli: sideB.closing,
        debtorPoolId: even ? null : aOwes ? x : y,
      });
    }
  }
  return { lines, stop: null };
}

/** Runs the file's pool and its federated pools in step (checkScenario has checked the file). */
export function runFederation(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  const pools = [scenario, ...scenario.federation];
  const ids = pools.map((s) => s.pool.id as PoolId);
  const runs: PoolRun[] = pools.map((s, i) => ({
    state: startRun(
      s,
      ids.filter((_, k) => k !== i),
    ),
    periods: [],
  }));
  const length = Math.min(...pools.map((s) => s.periods.length));
  const total = Math.min(options.periods ?? length, length);
  // W̄ as published for the period before; 1.000 until a pool has credited work.
  const weightIndex = new Map<string, number>(ids.map((id) => [id, 1000]));
  const periods: FederationPeriod[] = [];
  let stopped: RunStop | null = null;
  const firstStop = (): RunStop | null => {
    const at = runs.findIndex((r) => r.state.stop !== null);
    if (at < 0) return null;
    const s = runs[at]!.state.stop!;
    return at === 0 ? s : { ...s, detail: `pool ${ids[at]}: ${s.detail}` };
  };
  stopped = firstStop();
  for (let p = 1; p <= total && stopped === null; p += 1) {
    const balanceBefore = (poolId: string, other: string) =>
      closingFederationBalance(runs[ids.indexOf(poolId as PoolId)]!, other);
    const { extras, deliveries, writeOffs } = crossPoolPeriods(
      pools,
      weightIndex,
      p,
      balanceBefore,
    );
    for (const [i, run] of runs.entries()) {
      if (!stepPoolRun(run, extras.get(ids[i]!))) break;
    }
    stopped = firstStop();
    if (stopped !== null) break;
    const reconciled = reconcile(runs, weightIndex, deliveries, writeOffs, p);
    if (reconciled.stop !== null) {
      stopped = reconciled.stop;
      break;
    }
    periods.push({ period: p, deliveries, lines: reconciled.lines, writeOffs });
    for (const run of runs) {
      const published = periodWeightIndexMilli(run.periods[p - 1]!);
      if (published !== null) weightIndex.set(run.state.chart.poolId, published);
    }
    options.onPeriod?.(p, total);
  }
  const home = poolRunResult(runs[0]!);
  return {
    ...home,
    stop: stopped,
    federation: { partners: runs.slice(1).map(poolRunResult), periods },
  };
}
