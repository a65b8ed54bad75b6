// Proves the web app's catalogues are complete: each area's German and English files have the
// same keys with the same placeholders, no text is empty, and no key is defined by two areas.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalText, WEB_CATALOGUES, webText } from './index.ts';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

test('every area has the same keys and placeholders in German and English', () => {
  for (const [area, { en, de }] of Object.entries(WEB_CATALOGUES)) {
    assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort(), `area ${area}`);
    for (const [key, text] of Object.entries(en)) {
      assert.ok(text.trim() !== '' && de[key]!.trim() !== '', `${area}: ${key} is empty`);
      assert.deepEqual(placeholders(de[key]!), placeholders(text), `${area}: ${key}`);
    }
  }
});

test('no key belongs to two areas', () => {
  const owner = new Map<string, string>();
  for (const [area, { en }] of Object.entries(WEB_CATALOGUES)) {
    for (const key of Object.keys(en)) {
      assert.equal(owner.get(key), undefined, `${key} is in ${owner.get(key)} and ${area}`);
      owner.set(key, area);
    }
  }
});

test('a refusal without its own text falls back to the detail, in the reader language', () => {
  assert.equal(refusalText('de', 'no.such_code', 'bad bid'), 'Abgelehnt: bad bid');
  assert.equal(webText('en', 'signIn.title'), 'Sign in');
  assert.throws(() => webText('en', 'no.such.key'), /no text/);
});
