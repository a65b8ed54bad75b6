// Helpers of the scenario tests: load an example file and run it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
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

/** Edits of an example file: `variant(edit)` is the file's YAML text after `edit` on a copy. */
export function exampleVariant(file: string) {
  const base = parseYaml(readFileSync(join(EXAMPLES, file), 'utf8'));
  // biome-ignore lint/suspicious/noExplicitAny: tests edit the parsed YAML freely
  return (edit: (s: any) => void): string => {
    const copy = structuredClone(base);
    edit(copy);
    return stringifyYaml(copy);
  };
}

/** A scenario's text parsed and checked; a refusal fails the test with its detail. */
export function loadText(text: string): Scenario {
  const parsed = parseScenarioText(text, 'x.yaml');
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.value;
}
