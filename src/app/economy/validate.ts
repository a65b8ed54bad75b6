// Validation of a pool's inputs at the edge: the pool's whole input log, with the new inputs
// at its end, is assembled into a scenario and run through the same schema and cross-reference
// check as a scenario file. A problem is reported against the input that caused it
// (`inputs[2] (bids): weightMilli: must be ≥ 100`), and the new inputs are returned in their
// parsed form (defaults filled in), which is what gets stored.
import { assembleScenario, type PoolInput, type PoolSettings } from '../../core/cycle/inputs.ts';
import { type Failure, failure, ok, type Result } from '../../core/result.ts';
import type { Scenario, ScenarioCheckCode } from '../../core/scenario/index.ts';
import { scenarioFromData } from '../scenario/load.ts';

export type InputFailureCode = 'economy.invalid_input' | ScenarioCheckCode;

export interface ValidatedPool {
  readonly scenario: Scenario;
  /** The new inputs as parsed: defaults filled in, in the order given. */
  readonly added: readonly PoolInput[];
}

/** Where each input sits in the assembled scenario: its list's path and its index there. */
function positions(inputs: readonly PoolInput[]): { list: string; index: number }[] {
  const counts = new Map<string, number>();
  return inputs.map((input) => {
    const list = input.period === 0 ? input.kind : `periods[${input.period - 1}].${input.kind}`;
    const index = counts.get(list) ?? 0;
    counts.set(list, index + 1);
    return { list, index };
  });
}

/**
 * Validates the pool with `added` appended. `periods` is the number of periods to assemble;
 * before the first period opens it is 1 (an empty period), since the format needs one.
 */
export function validatePoolInputs(
  settings: PoolSettings,
  stored: readonly PoolInput[],
  added: readonly PoolInput[],
  periods: number,
): Result<ValidatedPool, Failure<InputFailureCode>> {
  const all = [...stored, ...added];
  const at = positions(all);
  /** `persons[3].id: …` → `inputs[1] (persons): id: …` when it points at a new input. */
  const blame = (detail: string): string => {
    for (let i = stored.length; i < all.length; i += 1) {
      const prefix = `${at[i]!.list}[${at[i]!.index}]`;
      if (detail.startsWith(`${prefix}.`) || detail.startsWith(`${prefix}:`)) {
        const rest = detail.slice(prefix.length).replace(/^[.:]\s*/, '');
        return `inputs[${i - stored.length}] (${all[i]!.kind}): ${rest}`;
      }
    }
    return detail;
  };
  const checked = scenarioFromData(
    assembleScenario(settings, all, Math.max(periods, 1)),
    'economy.invalid_input',
  );
  if (!checked.ok) return failure(checked.error.code, blame(checked.error.detail));
  const scenario = checked.value;
  const lists = scenario as unknown as Record<string, unknown[]>;
  const parsedInputs = added.map((input, offset) => {
    const { index } = at[stored.length + offset]!;
    const list =
      input.period === 0
        ? lists[input.kind]!
        : (scenario.periods[input.period - 1] as unknown as Record<string, unknown[]>)[input.kind]!;
    return { ...input, record: list[index] };
  });
  return ok({ scenario, added: parsedInputs });
}
