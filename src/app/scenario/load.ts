// Reading a scenario file's text: YAML (JSON is YAML too, but `.json` files are read as strict
// JSON), then the schema, then the core's cross-reference check. Any problem is one line that
// names where it is, as the CLI prints it.

import { parse as parseYaml } from 'yaml';
import { type Failure, failure, ok, type Result } from '../../core/result.ts';
import { checkScenario, type ScenarioCheckCode } from '../../core/scenario/check.ts';
import type { Scenario } from '../../core/scenario/index.ts';
import { describeIssue, scenarioSchema, toScenario } from './schema.ts';

export type LoadFailureCode = 'scenario.syntax' | ScenarioCheckCode;

/**
 * A file's text as data: strict JSON for `.json` files, YAML otherwise. The failure names the
 * file and the first line of the parser's message; an inputs file's syntax is reported so too.
 */
export function parseYamlOrJson(
  text: string,
  fileName: string,
): Result<unknown, Failure<'scenario.syntax'>> {
  try {
    return ok(fileName.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text));
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return failure('scenario.syntax', `${fileName}: ${message}`);
  }
}

/**
 * Data to a scenario: the schema (its first problem, with how many more there are, fails as
 * `invalidCode`), then the core's cross-reference check. The detail starts with the path.
 */
export function scenarioFromData<Code extends string>(
  data: unknown,
  invalidCode: Code,
): Result<Scenario, Failure<Code | ScenarioCheckCode>> {
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    return failure(invalidCode, `${describeIssue(issues[0]!)}${more}`);
  }
  return checkScenario(toScenario(parsed.data));
}

/**
 * A file's text to a scenario. With `periodsOptional` (creating a pool, which takes only the
 * settings and standing inputs) a file without `periods:` reads as one empty period.
 */
export function parseScenarioText(
  text: string,
  fileName: string,
  options: { readonly periodsOptional?: boolean } = {},
): Result<Scenario, Failure<LoadFailureCode>> {
  const data = parseYamlOrJson(text, fileName);
  if (!data.ok) return data;
  const value = data.value;
  const withoutPeriods =
    options.periodsOptional === true &&
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !('periods' in value);
  const scenario = scenarioFromData(
    withoutPeriods ? { ...value, periods: [{}] } : value,
    'scenario.invalid',
  );
  if (!scenario.ok) return failure(scenario.error.code, `${fileName}: ${scenario.error.detail}`);
  return scenario;
}
