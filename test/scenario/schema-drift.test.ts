// Proves that docs/scenario.schema.json is what the zod schema generates today; regenerate it
// with `npx tsx src/main.ts scenario-schema > docs/scenario.schema.json` after a format change.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { scenarioJsonSchemaText } from '../../src/app/scenario/schema.ts';

test('the checked-in JSON Schema matches the zod schema', () => {
  const file = join(import.meta.dirname, '..', '..', 'docs', 'scenario.schema.json');
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), JSON.parse(scenarioJsonSchemaText()));
});
