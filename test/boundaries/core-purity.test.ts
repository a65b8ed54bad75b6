// Proves that src/core stays pure (imports only core files; no node:, no packages, no clock,
// randomness, process, timers or network), and that each rule of the check really fires.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { findCoreViolations } from './core-purity.ts';

const coreRoot = resolve(import.meta.dirname, '../../src/core');

function listCoreSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listCoreSources(path);
    // Tests may use node: modules and fast-check; only shipped code must be pure.
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('src/core purity', () => {
  test('no core source file breaks a purity rule', () => {
    const files = listCoreSources(coreRoot);
    assert.ok(files.length >= 4, `expected core sources, found ${files.length}`);
    const violations = files.flatMap((file) =>
      findCoreViolations(file, readFileSync(file, 'utf8'), coreRoot),
    );
    assert.deepEqual(
      violations.map((v) => `${v.file.slice(coreRoot.length + 1)}:${v.line} ${v.rule} ${v.detail}`),
      [],
    );
  });
});

describe('each purity rule fires on fixture text', () => {
  const fixture = join(coreRoot, 'market', 'fixture.ts');
  const rulesOf = (text: string) =>
    findCoreViolations(fixture, text, coreRoot).map((v) => `${v.rule} ${v.detail}`);

  test('an import that leaves src/core', () => {
    assert.deepEqual(rulesOf("import { db } from '../../storage/db.ts';"), [
      'import-outside-core ../../storage/db.ts',
    ]);
    assert.deepEqual(rulesOf("export { x } from '../../app/x.ts';"), [
      'import-outside-core ../../app/x.ts',
    ]);
    assert.deepEqual(rulesOf("const m = await import('../../http/app.ts');"), [
      'import-outside-core ../../http/app.ts',
    ]);
    assert.deepEqual(rulesOf("type T = import('../../web/page.ts').Page;"), [
      'import-outside-core ../../web/page.ts',
    ]);
  });

  test('imports inside src/core are allowed', () => {
    assert.deepEqual(rulesOf("import { ok } from '../result.ts';"), []);
    assert.deepEqual(rulesOf("import type { Bid } from './types.ts';"), []);
  });

  test('a node: module', () => {
    assert.deepEqual(rulesOf("import { createHash } from 'node:crypto';"), [
      'node-import node:crypto',
    ]);
  });

  test('a package', () => {
    assert.deepEqual(rulesOf("import { sql } from 'kysely';"), ['package-import kysely']);
  });

  test('the clock, chance, the process, timers and the network', () => {
    assert.deepEqual(rulesOf('const now = Date.now();'), ['forbidden-global Date']);
    assert.deepEqual(rulesOf('const d = new Date();'), ['forbidden-global Date']);
    assert.deepEqual(rulesOf('let since: Date;'), ['forbidden-global Date']);
    assert.deepEqual(rulesOf('const r = Math.random();'), ['forbidden-global Math.random']);
    assert.deepEqual(rulesOf('const env = process.env.X;'), ['forbidden-global process']);
    assert.deepEqual(rulesOf('setTimeout(() => 1, 10);'), ['forbidden-global setTimeout']);
    assert.deepEqual(rulesOf("await fetch('http://127.0.0.1/');"), ['forbidden-global fetch']);
    assert.deepEqual(rulesOf('const o = { process };'), ['forbidden-global process']);
  });

  test('mentions in comments, strings and property names do not count', () => {
    const text = [
      '// Date.now() and Math.random() are not allowed here',
      "const message = 'no setTimeout in core; process.env neither';",
      'const settings = { process: 1, fetch: 2 };',
      'const floor = Math.floor(1.5);',
      'interface Clock { Date: number }',
      'const x = settings.fetch;',
    ].join('\n');
    assert.deepEqual(rulesOf(text), []);
  });

  test('violations carry the line they are on', () => {
    const violations = findCoreViolations(fixture, '\n\nconst t = Date.now();', coreRoot);
    assert.equal(violations[0]?.line, 3);
  });
});
