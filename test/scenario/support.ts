// Helpers of the scenario tests: load an example file and run it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import type { Scenario } from '../../src/core/scenario/index.ts';

export const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

export function loadExample(file: string): Scenario {
  const path = join(EXAMPLES, file);
  const parsed = parseScenarioText(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.value;
}

/** A scenario from a file's text (an example edited by a test). */
export function scenarioFromText(text: string, name = 'x.yaml'): Scenario {
  const parsed = parseScenarioText(text, name);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.value;
}
