// A person's calendar (RFC 5545) of the task slots they were assigned: one event per slot won
// in a period's clearing (and not lost as a no-show) whose task instance has a start. Only a
// bounded window around `now` is served (four weeks back, twelve ahead, at most 500 events), so
// a feed stays small however long the pool runs. Times are written in UTC; a calendar shows
// them in its own zone. The secret-token URL that serves a feed is the server's business.
import ical from 'ical-generator';
import { type Failure, failure, ok, type Result } from '../../core/result.ts';
import type { TaskSpec } from '../../core/scenario/index.ts';
import { taskStartInstant } from '../scenario/date-time.ts';
import type { ClearingView, PoolExportData } from './pool-data.ts';

export interface CalendarWindow {
  /** The moment the feed is made for; the window is around it, and it is every event's stamp. */
  readonly now: Date;
  readonly pastDays?: number;
  readonly futureDays?: number;
  readonly maxEvents?: number;
}

export const CALENDAR_PAST_DAYS = 28;
export const CALENDAR_FUTURE_DAYS = 84;
export const CALENDAR_MAX_EVENTS = 500;

const DAY_MS = 86_400_000;

export interface AssignedSlot {
  readonly period: number;
  readonly task: TaskSpec;
  readonly startMs: number;
  readonly endMs: number;
}

/** Who holds a task's slots in a period's market view: winners, less the no-shows. */
function holders(
  market: ClearingView,
  extraNoShows: readonly { personId: string; instanceId: string }[],
) {
  const gone = new Set(
    [...market.noShows, ...extraNoShows].map((x) => `${x.instanceId}\u0000${x.personId}`),
  );
  const byInstance = new Map<string, string[]>();
  for (const task of market.tasks) {
    byInstance.set(
      task.instanceId,
      task.winners
        .map((w) => w.personId)
        .filter((personId) => !gone.has(`${task.instanceId}\u0000${personId}`)),
    );
  }
  return byInstance;
}

/**
 * The slots a person holds that have a time: from each closed period's final market, and from
 * the clearing of a period still running (less the no-shows recorded so far), in time order.
 */
export function assignedSlots(data: PoolExportData, personId: string): AssignedSlot[] {
  const slots: AssignedSlot[] = [];
  for (const { period, clearing, report } of data.periods) {
    const spec = data.scenario.periods[period - 1];
    const market: ClearingView | null = report ?? clearing;
    if (spec === undefined || market === null) continue;
    const held = holders(market, report === null ? spec.noShows : []);
    for (const task of spec.tasks) {
      if (task.start === undefined || !(held.get(task.id) ?? []).includes(personId)) continue;
      const startMs = taskStartInstant(task.start, data.scenario.timeZone);
      slots.push({ period, task, startMs, endMs: startMs + task.minutesPerSlot * 60_000 });
    }
  }
  return slots.sort((a, b) => a.startMs - b.startMs || (a.task.id < b.task.id ? -1 : 1));
}

/** The person's feed as iCalendar text; refused for a person the pool does not have. */
export function icalFeed(
  data: PoolExportData,
  personId: string,
  window: CalendarWindow,
): Result<string, Failure<'export.unknown_person'>> {
  if (!data.scenario.persons.some((p) => p.id === personId)) {
    return failure('export.unknown_person', `pool "${data.poolId}" has no person "${personId}"`);
  }
  const nowMs = window.now.getTime();
  const fromMs = nowMs - (window.pastDays ?? CALENDAR_PAST_DAYS) * DAY_MS;
  const untilMs = nowMs + (window.futureDays ?? CALENDAR_FUTURE_DAYS) * DAY_MS;
  const inWindow = assignedSlots(data, personId)
    .filter((slot) => slot.endMs > fromMs && slot.startMs < untilMs)
    .slice(0, window.maxEvents ?? CALENDAR_MAX_EVENTS);
  const calendar = ical({
    name: `${data.poolId}: ${personId}`,
    prodId: { company: 'Peerconomy', product: 'task slots', language: 'EN' },
  });
  for (const slot of inWindow) {
    const { task } = slot;
    calendar.createEvent({
      id: `${data.poolId}.${task.id}.${personId}@peerconomy`,
      stamp: window.now,
      start: new Date(slot.startMs),
      end: new Date(slot.endMs),
      summary: `${task.templateId} (${task.projectId})`,
      description: `Period ${slot.period}, task ${task.id}: one slot of ${task.minutesPerSlot} minutes.`,
      ...(task.place === undefined ? {} : { location: task.place }),
    });
  }
  return ok(calendar.toString());
}
