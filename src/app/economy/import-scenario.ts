// Importing a scenario file into a stored pool through the economy's use cases, period by
// period through the whole cycle: found the pool with its standing inputs, then per period
// post the tasks and the period's other inputs while planning, bid while bidding, clear,
// record work and no-shows while running, settle and close. Every request carries a key
// derived from the pool, the period and the step, so an import cut off at any point (a crash,
// a kill) continues where it stopped when run again, and a finished one changes nothing.
import {
  disassembleScenario,
  type PeriodKind,
  type PoolInput,
  stagesTaking,
} from '../../core/cycle/inputs.ts';
import { PERIOD_STAGES, type PeriodStage } from '../../core/cycle/stages.ts';
import { GENESIS_HASH } from '../../core/ledger/index.ts';
import { failure, ok, type Result } from '../../core/result.ts';
import type { Scenario } from '../../core/scenario/index.ts';
import type { EconomyFailure, EconomyService, StepAnswer } from './economy-service.ts';

export interface ImportProgress {
  readonly period: number;
  readonly stage: PeriodStage;
}

export interface ImportOptions {
  /** Import only the first N periods. */
  readonly periods?: number;
  /** Called after each step of the cycle. */
  readonly onStep?: (progress: ImportProgress) => void;
}

export interface ImportSummary {
  readonly poolId: string;
  readonly periods: number;
  /** The inputs imported: the standing ones and those of the periods imported. */
  readonly inputs: number;
  readonly journalHead: string;
}

/** The stage of a period in which each kind of input is imported: the first that takes it. */
const importStage = (kind: PeriodKind): PeriodStage =>
  stagesTaking(kind)[0] === 'cleared' ? 'running' : stagesTaking(kind)[0]!;

export async function importScenario(
  economy: EconomyService,
  scenario: Scenario,
  options: ImportOptions = {},
): Promise<Result<ImportSummary, EconomyFailure>> {
  const { settings, inputs } = disassembleScenario(scenario);
  const poolId = scenario.pool.id;
  const key = (...parts: (string | number)[]) => `import:${[poolId, ...parts].join(':')}`;
  const standing = inputs.filter((input) => input.period === 0);
  // The import's keys are derived from the pool: a key answered for another request means
  // the stored pool was given other inputs than this file's.
  const otherInputs = <T>(result: Result<T, EconomyFailure>): Result<T, EconomyFailure> =>
    !result.ok &&
    (result.error.code === 'economy.idempotency_key_reused' ||
      result.error.code === 'economy.pool_exists')
      ? failure(
          'economy.pool_exists',
          `pool ${poolId} already exists with other inputs; use pool submit to give it new ones`,
        )
      : result;
  const created = otherInputs(await economy.createPool(key('pool'), settings, standing));
  if (!created.ok) return created;

  const total = Math.min(options.periods ?? scenario.periods.length, scenario.periods.length);
  // Before any period is closed the pool's books are empty, at genesis.
  let journalHead = GENESIS_HASH;
  for (let p = 1; p <= total; p += 1) {
    const ofPeriod = inputs.filter((input) => input.period === p);
    const at = (stage: PeriodStage): PoolInput[] =>
      ofPeriod.filter((input) => importStage(input.kind as PeriodKind) === stage);
    for (const stage of PERIOD_STAGES) {
      const stepped: Result<StepAnswer, EconomyFailure> = await economy.advance(
        poolId,
        key(p, stage),
        { period: p, stage },
      );
      if (!stepped.ok) return stepped;
      if (stepped.value.journalHead !== undefined) journalHead = stepped.value.journalHead;
      const given = at(stage);
      if (given.length > 0) {
        const submitted = otherInputs(
          await economy.submitInputs(poolId, key(p, stage, 'inputs'), given),
        );
        if (!submitted.ok) return submitted;
      }
      options.onStep?.({ period: p, stage });
    }
  }
  const imported = inputs.filter((input) => input.period <= total).length;
  return ok({ poolId, periods: total, inputs: imported, journalHead });
}
