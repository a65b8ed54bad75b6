// A stored pool keeps its inputs in their parsed form (defaults filled in) and validates each
// new input by parsing the whole pool again (src/app/economy), so a parsed scenario must parse
// to itself. This holds for every example file.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { scenarioSchema } from '../../src/app/scenario/schema.ts';
import { EXAMPLES, loadExample } from './support.ts';

for (const file of readdirSync(EXAMPLES).filter((name) => name.endsWith('.yaml'))) {
  test(`${file}: the parsed scenario parses to itself`, () => {
    const parsed = loadExample(file);
    const again = scenarioSchema.safeParse(JSON.parse(JSON.stringify(parsed)));
    assert.ok(again.success, again.success ? '' : JSON.stringify(again.error.issues[0]));
    assert.deepEqual(again.data, parsed);
  });
}
