// Proves the browser's language preference is read by quality, then order, and that an
// unsupported or malformed header gives no language rather than a wrong one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { langOfAcceptLanguage } from './lang.ts';

test('the supported language with the highest quality wins', () => {
  assert.equal(langOfAcceptLanguage('de-CH, en;q=0.9'), 'de');
  assert.equal(langOfAcceptLanguage('en-GB;q=0.4, de;q=0.8'), 'de');
  assert.equal(langOfAcceptLanguage('fr, en-US;q=0.7, de;q=0.7'), 'en');
});

test('no supported language, q=0, or no header gives none', () => {
  assert.equal(langOfAcceptLanguage('fr, es'), null);
  assert.equal(langOfAcceptLanguage('de;q=0'), null);
  assert.equal(langOfAcceptLanguage(undefined), null);
  assert.equal(langOfAcceptLanguage(';;,'), null);
});
