import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  emptyConnectionStatements,
  PREPARE_AFTER_USES,
  PREPARED_PER_CONNECTION,
  preparedName,
} from './postgres-prepared.ts';

describe('prepared statements per connection', () => {
  test('a text is sent unnamed until its uses reach the threshold, then always by one name', () => {
    const statements = emptyConnectionStatements();
    const names = Array.from({ length: PREPARE_AFTER_USES + 3 }, () =>
      preparedName(statements, 'select $1'),
    );
    assert.deepEqual(names.slice(0, PREPARE_AFTER_USES - 1), [
      ...Array(PREPARE_AFTER_USES - 1).fill(undefined),
    ]);
    const name = names[PREPARE_AFTER_USES - 1];
    assert.equal(typeof name, 'string');
    assert.deepEqual(names.slice(PREPARE_AFTER_USES - 1), Array(4).fill(name));
  });

  test('different texts get different names', () => {
    const statements = emptyConnectionStatements();
    const nameOf = (text: string) => {
      let name: string | undefined;
      for (let i = 0; i < PREPARE_AFTER_USES; i += 1) name = preparedName(statements, text);
      return name;
    };
    const a = nameOf('select $1');
    const b = nameOf('select $1, $2');
    assert.ok(a !== undefined && b !== undefined);
    assert.notEqual(a, b);
    assert.equal(preparedName(statements, 'select $1'), a);
  });

  test('a connection names at most PREPARED_PER_CONNECTION texts; others stay unnamed', () => {
    const statements = emptyConnectionStatements();
    for (let t = 0; t < PREPARED_PER_CONNECTION + 5; t += 1) {
      for (let i = 0; i < PREPARE_AFTER_USES; i += 1) preparedName(statements, `select ${t}`);
    }
    assert.equal(statements.names.size, PREPARED_PER_CONNECTION);
    assert.equal(preparedName(statements, `select ${PREPARED_PER_CONNECTION + 1}`), undefined);
    assert.equal(typeof preparedName(statements, 'select 0'), 'string');
  });

  test('counting texts that never repeat stays bounded', () => {
    const statements = emptyConnectionStatements();
    for (let t = 0; t < 10_000; t += 1) preparedName(statements, `select ${t} where $1`);
    assert.ok(statements.uses.size <= 2_000, `${statements.uses.size} texts counted`);
    assert.equal(statements.names.size, 0);
  });
});
