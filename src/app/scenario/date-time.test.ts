// Proves that task starts are read as the instants they name: with an offset as given, without
// one in the pool's time zone across both changes of summer time (RFC 5545's reading of the
// skipped and the repeated hour), and that impossible dates and unknown zones are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addToDate,
  isIsoDate,
  isTaskStart,
  isTimeZone,
  localDate,
  taskStartInstant,
} from './date-time.ts';

const iso = (ms: number) => new Date(ms).toISOString();

test('a start with an offset or Z is that instant, whatever the zone', () => {
  assert.equal(
    iso(taskStartInstant('2026-03-07T09:00+01:00', 'America/New_York')),
    '2026-03-07T08:00:00.000Z',
  );
  assert.equal(
    iso(taskStartInstant('2026-03-07T09:00:30Z', 'Europe/Berlin')),
    '2026-03-07T09:00:30.000Z',
  );
  assert.equal(
    iso(taskStartInstant('2026-03-07T09:00-05:30', undefined)),
    '2026-03-07T14:30:00.000Z',
  );
});

test('a wall-clock start is read in the zone: winter and summer time in Berlin, UTC without one', () => {
  assert.equal(
    iso(taskStartInstant('2026-01-03T06:00', 'Europe/Berlin')),
    '2026-01-03T05:00:00.000Z',
  );
  assert.equal(
    iso(taskStartInstant('2026-07-03T06:00', 'Europe/Berlin')),
    '2026-07-03T04:00:00.000Z',
  );
  assert.equal(iso(taskStartInstant('2026-07-03T06:00', undefined)), '2026-07-03T06:00:00.000Z');
});

test('the skipped hour takes the offset before the change; the repeated hour is its first pass', () => {
  // Berlin: clocks go 02:00 → 03:00 on 2026-03-29 and 03:00 → 02:00 on 2026-10-25.
  assert.equal(
    iso(taskStartInstant('2026-03-29T02:30', 'Europe/Berlin')),
    '2026-03-29T01:30:00.000Z',
  );
  assert.equal(
    iso(taskStartInstant('2026-10-25T02:30', 'Europe/Berlin')),
    '2026-10-25T00:30:00.000Z',
  );
  assert.equal(
    iso(taskStartInstant('2026-10-25T03:30', 'Europe/Berlin')),
    '2026-10-25T02:30:00.000Z',
  );
});

test('impossible dates, times and zones are refused', () => {
  for (const bad of [
    '2026-02-30T09:00',
    '2026-03-07T24:00',
    '2026-03-07 09:00',
    '2026-03-07',
    '2026-03-07T09:00+25:00',
  ]) {
    assert.equal(isTaskStart(bad), false, bad);
  }
  assert.equal(isTaskStart('2028-02-29T23:59:59'), true);
  assert.equal(isTimeZone('Europe/Berlin'), true);
  assert.equal(isTimeZone('Mars/Olympus'), false);
  assert.equal(isIsoDate('2026-02-29'), false);
  assert.equal(isIsoDate('2028-02-29'), true);
});

test('dates: local calendar day of an instant, months and days added', () => {
  assert.equal(localDate(Date.parse('2026-03-31T23:30:00Z'), 'Europe/Berlin'), '2026-04-01');
  assert.equal(localDate(Date.parse('2026-03-31T23:30:00Z'), undefined), '2026-03-31');
  assert.equal(addToDate('2026-01-31', 1, 'month'), '2026-02-28');
  assert.equal(addToDate('2026-01-31', 2, 'month'), '2026-03-31');
  assert.equal(addToDate('2026-12-01', 1, 'month'), '2027-01-01');
  assert.equal(addToDate('2026-12-29', 7, 'day'), '2027-01-05');
});
