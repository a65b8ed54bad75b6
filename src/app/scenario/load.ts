// Reading a scenario file's text: YAML (JSON is YAML too, but `.json` files are read as strict
// JSON), then the schema, then the core's cross-reference check. Any problem is one line that
// names where it is, as the CLI prints it.

import { parse as parseYaml } from 'yaml';
import { type Failure, failure, ok, type Result } from '../../core/result.ts';
import { checkScenario, type Scenario } from '../../core/scenario/index.ts';
import { describeIssue, scenarioSchema, toScenario } from './schema.ts';

export type LoadFailureCode =
  | 'scenario.syntax'
  | 'scenario.invalid'
  | 'scenario.duplicate_id'
  | 'scenario.unknown_reference'
  | 'scenario.not_a_member'
  | 'scenario.bad_federation'
  | 'scenario.no_currency'
  | 'scenario.project_not_in_pool'
  | 'scenario.project_cannot_leave'
  | 'scenario.allocation_mismatch'
  | 'scenario.joint_mismatch'
  | 'scenario.service_mismatch';

export function parseScenarioText(
  text: string,
  fileName: string,
): Result<Scenario, Failure<LoadFailureCode>> {
  let data: unknown;
  try {
    data = fileName.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return failure('scenario.syntax', `${fileName}: ${message}`);
  }
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    return failure('scenario.invalid', `${fileName}: ${describeIssue(issues[0]!)}${more}`);
  }
  const checked = checkScenario(toScenario(parsed.data));
  if (!checked.ok) return failure(checked.error.code, `${fileName}: ${checked.error.detail}`);
  return ok(checked.value);
}
