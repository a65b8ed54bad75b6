// Proves that the German and English catalogues have exactly the same keys, that every text
// uses the same placeholders in both languages, and that the lookup fills them in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUES, isLang, translate } from './index.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('de.json and en.json have the same key set', () => {
  const en = Object.keys(CATALOGUES.en).sort();
  const de = Object.keys(CATALOGUES.de).sort();
  assert.deepEqual(de, en);
  assert.ok(en.length > 20);
});

test('every text has the same placeholders in both languages and no empty text', () => {
  for (const [key, text] of Object.entries(CATALOGUES.en)) {
    const german = CATALOGUES.de[key]!;
    assert.deepEqual(placeholders(german), placeholders(text), key);
    assert.notEqual(text.trim(), '', key);
    assert.notEqual(german.trim(), '', key);
  }
});

test('translate fills placeholders and differs by language', () => {
  assert.equal(translate('en', 'report.title', { name: 'x' }), 'Scenario report: x');
  assert.equal(translate('de', 'report.title', { name: 'x' }), 'Szenariobericht: x');
  assert.throws(() => translate('en', 'no.such.key'), /no text "no\.such\.key" in en/);
  assert.ok(isLang('de') && isLang('en') && !isLang('fr'));
});
