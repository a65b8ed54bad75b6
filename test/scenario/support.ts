// Helpers of the scenario tests: load an example file and run it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import {
  parseRunState,
  type RunState,
  type Scenario,
  type ScenarioRun,
} from '../../src/core/scenario/index.ts';

export const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

export function loadExample(file: string): Scenario {
  const path = join(EXAMPLES, file);
  const parsed = parseScenarioText(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.value;
}

/** Edits of an example file: `variant(edit)` is the file's YAML text after `edit` on a copy. */
/** Every example of a single pool (no federation), loaded, in file order. */
export function singlePoolExamples(): { file: string; scenario: Scenario }[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, scenario: loadExample(file) }))
    .filter((x) => x.scenario.federation.length === 0);
}

export function exampleVariant(file: string) {
  const base = parseYaml(readFileSync(join(EXAMPLES, file), 'utf8'));
  // biome-ignore lint/suspicious/noExplicitAny: tests edit the parsed YAML freely
  return (edit: (s: any) => void): string => {
    const copy = structuredClone(base);
    edit(copy);
    return stringifyYaml(copy);
  };
}

/** A scenario's text (an example edited by a test) parsed and checked; a refusal fails the
 *  test with its detail. */
export function loadText(text: string): Scenario {
  const parsed = parseScenarioText(text, 'x.yaml');
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.detail);
  return parsed.value;
}

/** `code detail` of a file the loader refuses (the test fails if it is accepted). */
export function refusal(text: string, fileName = 'x.yaml'): string {
  const parsed = parseScenarioText(text, fileName);
  assert.equal(parsed.ok, false);
  return parsed.ok ? '' : `${parsed.error.code} ${parsed.error.detail}`;
}

/** Closing balances of a period, for account ids without the pool prefix `p.`. */
export const balancesOf = (run: ScenarioRun, period: number, ids: readonly string[]) =>
  ids.map((id) => run.periods[period - 1]!.closingBalances.get(`p.${id}` as never) ?? 0);

/** A run state read back from its text; the test fails when the text does not parse. */
export function readRunState(text: string): RunState {
  const parsed = parseRunState(text);
  assert.ok(parsed.ok);
  return parsed.value;
}
