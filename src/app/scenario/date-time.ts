// The times a scenario file may give (a task instance's `start`, the pool's `timeZone`), and
// turning them into instants. A start is an ISO 8601 date-time: with an offset (`Z`, `+01:00`)
// it is that instant; without one it is a wall-clock time in the file's time zone (UTC when the
// file names none), so a weekly shift stays at 09:00 across a change to summer time.

const START_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-](\d{2}):(\d{2}))?$/;

interface StartParts {
  readonly wallClockUtcMs: number;
  /** Minutes east of UTC when the text gives an offset; null for a wall-clock time. */
  readonly offsetMinutes: number | null;
}

function parseStart(text: string): StartParts | null {
  const m = START_PATTERN.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) =>
    Number(m[i] ?? 0),
  ) as [number, number, number, number, number, number];
  const wallClockUtcMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(wallClockUtcMs);
  // Date.UTC rolls 2026-02-30 over into March; a real date comes back unchanged.
  const real =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!real) return null;
  const zone = m[7];
  if (zone === undefined) return { wallClockUtcMs, offsetMinutes: null };
  if (zone === 'Z') return { wallClockUtcMs, offsetMinutes: 0 };
  const offsetHours = Number(m[8]);
  const offsetMins = Number(m[9]);
  if (offsetHours > 23 || offsetMins > 59) return null;
  const sign = zone.startsWith('-') ? -1 : 1;
  return { wallClockUtcMs, offsetMinutes: sign * (offsetHours * 60 + offsetMins) };
}

/** True for a start the format takes: a real date and time, with or without an offset. */
export function isTaskStart(text: string): boolean {
  return parseStart(text) !== null;
}

/** True for an IANA time zone name this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in minutes east (Berlin in winter: 60). */
function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const field = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wallMs = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return Math.round((wallMs - utcMs) / 60_000);
}

/**
 * The instant a task start names, in milliseconds since the epoch. A wall-clock time is read in
 * `timeZone` (UTC when undefined). As RFC 5545 reads such times: one in the hour skipped by a
 * change to summer time takes the offset before the change; one in the hour that repeats is
 * the first of the two.
 */
export function taskStartInstant(text: string, timeZone: string | undefined): number {
  const parts = parseStart(text);
  if (parts === null) throw new Error(`not a task start: "${text}"`);
  if (parts.offsetMinutes !== null) return parts.wallClockUtcMs - parts.offsetMinutes * 60_000;
  if (timeZone === undefined) return parts.wallClockUtcMs;
  // Try the offsets in force a day before and a day after (a zone changes at most once in
  // between), and keep the earliest instant that reads back as the wall-clock time.
  const candidates = [-86_400_000, 86_400_000].map((shift) => {
    const offset = zoneOffsetMinutes(timeZone, parts.wallClockUtcMs + shift);
    return parts.wallClockUtcMs - offset * 60_000;
  });
  const readsBack = candidates.filter(
    (utc) => utc + zoneOffsetMinutes(timeZone, utc) * 60_000 === parts.wallClockUtcMs,
  );
  return Math.min(...(readsBack.length > 0 ? readsBack : candidates.slice(0, 1)));
}

/** The calendar date (YYYY-MM-DD) of an instant in `timeZone` (UTC when undefined). */
export function localDate(instantMs: number, timeZone: string | undefined): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timeZone ?? 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instantMs));
  const field = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${field('year')}-${field('month')}-${field('day')}`;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text);
  if (m === null) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text;
}

/** The date `count` months or days after a YYYY-MM-DD date (the day of the month kept, or
 *  the month's last day where it has fewer). */
export function addToDate(date: string, count: number, unit: 'month' | 'day'): string {
  const m = DATE_PATTERN.exec(date);
  if (m === null) throw new Error(`not a date: "${date}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  if (unit === 'day') {
    return new Date(Date.UTC(year, month, day + count)).toISOString().slice(0, 10);
  }
  const lastDay = new Date(Date.UTC(year, month + count + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month + count, Math.min(day, lastDay))).toISOString().slice(0, 10);
}
