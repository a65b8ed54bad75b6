// Proves how member pages write and read amounts: hours with one decimal in each language,
// weights in words, factors with three decimals, and typed weights and hours parsed exactly
// (a comma or a point) or refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  factorNumber,
  hours,
  parseHoursMilli,
  parseWeightMilli,
  signedHours,
  weightWords,
} from './format.ts';

test('amounts read as hours with one decimal, in English and German', () => {
  assert.equal(hours('en', 4800), '4.8');
  assert.equal(hours('de', 4800), '4,8');
  assert.equal(hours('en', 1_234_567), '1,234.6');
  assert.equal(signedHours('en', -1500), '−1.5');
  assert.equal(signedHours('de', 300), '+0,3');
});

test('weights read in words, factors with three decimals', () => {
  assert.equal(weightWords('en', 1300), '1 hour counts 1.3 hours');
  assert.equal(weightWords('de', 1250), '1 Stunde zählt 1,25 Stunden');
  assert.equal(weightWords('en', 1000), '1 hour counts 1.0 hours');
  assert.equal(factorNumber('de', 998_000), '0,998');
});

test('typed weights and hours are parsed exactly or refused', () => {
  assert.equal(parseWeightMilli('1.3'), 1300);
  assert.equal(parseWeightMilli(' 1,25 '), 1250);
  assert.equal(parseWeightMilli('0'), null);
  assert.equal(parseWeightMilli('1.2345'), null);
  assert.equal(parseWeightMilli('-1'), null);
  assert.equal(parseWeightMilli('lots'), null);
  assert.equal(parseHoursMilli('0,5'), 500);
  assert.equal(parseHoursMilli('0'), 0);
  assert.equal(parseHoursMilli('1e3'), null);
});
