// Proves that the generated example files in examples/ hold exactly what examples/generate.mjs
// writes (compared as parsed YAML, because the formatter may re-wrap the checked-in text).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
// @ts-expect-error: a plain JavaScript module without type declarations
import { GENERATED } from '../../examples/generate.mjs';
import { EXAMPLES } from './support.ts';

test('every generated example equals the generator output', () => {
  const generated = GENERATED as Record<string, () => string>;
  assert.ok(Object.keys(generated).length >= 1);
  for (const [file, make] of Object.entries(generated)) {
    assert.deepEqual(parse(readFileSync(join(EXAMPLES, file), 'utf8')), parse(make()), file);
  }
});
