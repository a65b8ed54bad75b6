import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { withRowsMadeInJs } from './sqlite-rows.ts';

function database() {
  const db = new BetterSqlite3(':memory:');
  db.exec(`create table t (id integer primary key, name text, amount integer, note text);
    insert into t values (1, 'a', 10, null), (2, 'b', -3, 'x'), (3, 'c', 0, '')`);
  return db;
}

test('a read gives the objects better-sqlite3 gives, from all and iterate', () => {
  const db = database();
  for (const sql of [
    'select id, name, amount, note from t where id > ? order by id',
    // Two columns of one name: the later one wins, as in better-sqlite3.
    'select id, name, amount as name, note as "odd ""key""" from t where id > ? order by id',
  ]) {
    const expected = db.prepare(sql).all(0);
    const statement = withRowsMadeInJs(db.prepare(sql));
    assert.equal(statement.reader, true);
    assert.deepEqual(statement.all([0]), expected);
    assert.deepEqual([...statement.iterate([1])], expected.slice(1));
    assert.deepEqual(
      expected.map((row) => Object.keys(row as object)),
      statement.all([0]).map((row) => Object.keys(row as object)),
    );
  }
});

test('a write, a read with a * and a column named __proto__ are left to better-sqlite3', () => {
  const db = database();
  const write = db.prepare('update t set amount = amount + 1 where id = ?');
  assert.equal(withRowsMadeInJs(write), write);
  assert.equal(withRowsMadeInJs(write).run([1]).changes, 1);
  const star = db.prepare('select * from t');
  assert.equal(withRowsMadeInJs(star), star);
  const count = db.prepare('select count(*) as n from t');
  assert.equal(withRowsMadeInJs(count), count);
  const proto = db.prepare('select id as "__proto__" from t');
  assert.equal(withRowsMadeInJs(proto), proto);
});
