// The open period's facts that bids and work records are checked against, indexed by id
// (issue 14, decisions 0056 and 0069): the persons and whether each is a member in the period,
// the period's task instances with their standard time per unit, the bids given so far by
// (round, instance, person), the work records' ids, and the lowest weight in force. Checking an
// input against them costs the size of the request, where the whole check (validate.ts) costs
// the open period's every input. The rules are the whole check's for the kind, in its order,
// with its failure codes and details: the record's shape (schema.ts: a bid's weight range, work's
// units done for measured tasks only), unique keys, the references declared (check.ts), the
// persons named members in the period (membership.ts). A record whose shape is refused, a mix
// of kinds, and every other kind of input, is left to the whole check (`null`).
import type { PoolInput } from '../../core/cycle/inputs.ts';
import { type Failure, failure, ok, type Result } from '../../core/result.ts';
import type { Scenario, ScenarioCheckCode } from '../../core/scenario/index.ts';
import { isMember, usesMembership } from '../../core/scenario/membership.ts';
import { withPersonDepartures } from '../../core/scenario/person-departures.ts';
import { settingsTimeline } from '../../core/scenario/settings.ts';
import { bidSchema, LIST_MAX, workSchema } from '../scenario/schema.ts';
import { KeyVersion } from './key-versions.ts';
import type { InputFailureCode } from './validate.ts';

export interface OpenPeriodIndex {
  /** The pool's input sequence number the index is of: it is read only while it is the pool's. */
  readonly seq: number;
  readonly period: number;
  /** Every person declared, with whether they are a member in the period (true when the pool
   *  uses no membership: the whole check then asks nothing of it). */
  readonly memberNow: ReadonlyMap<string, boolean>;
  /** The period's task instances, each with its standard minutes per unit (null: its work is
   *  not measured in units). */
  readonly tasks: ReadonlyMap<string, number | null>;
  /** `round|instanceId|personId` of the period's bids: the whole check's key of one bid. */
  readonly bidKeys: KeyVersion;
  /** How many bids the period has (the file takes at most LIST_MAX). */
  readonly bids: number;
  /** The ids of the period's work records (unique in the period), and how many there are. */
  readonly workIds: KeyVersion;
  readonly works: number;
  readonly minWeightMilli: number;
}

const bidKey = (bid: { round: number; instanceId: string; personId: string }) =>
  `${bid.round}|${bid.instanceId}|${bid.personId}`;

/** The index of period `period` of a scenario the whole check accepted; null for a pool the
 *  rules here do not cover (federated pools). */
export function indexOpenPeriod(
  scenario: Scenario,
  period: number,
  seq: number,
): OpenPeriodIndex | null {
  const spec = scenario.periods[period - 1];
  if (spec === undefined || scenario.federation.length > 0) return null;
  // The check reads persons with their departures applied, as the runner does.
  const expanded = withPersonDepartures(scenario);
  const membership = usesMembership(expanded);
  return {
    seq,
    period,
    memberNow: new Map(expanded.persons.map((x) => [x.id, !membership || isMember(x, period)])),
    tasks: new Map(spec.tasks.map((x) => [x.id, x.standardMinutesPerUnit])),
    bidKeys: KeyVersion.of(spec.bids.map(bidKey)),
    bids: spec.bids.length,
    workIds: KeyVersion.of(spec.work.map((x) => x.id)),
    works: spec.work.length,
    minWeightMilli: settingsTimeline(scenario)[period - 1]!.pool.market.minWeightMilli,
  };
}

/** The index with `added` (bids or work records the check accepted) given, at sequence
 *  number `seq`. */
export function withAccepted(
  index: OpenPeriodIndex,
  added: readonly PoolInput[],
  seq: number,
): OpenPeriodIndex {
  const bids = added.filter((input) => input.kind === 'bids');
  const work = added.filter((input) => input.kind === 'work');
  // New versions of the keys: the index before stays as it was (key-versions.ts).
  const bidKeys =
    bids.length === 0
      ? index.bidKeys
      : index.bidKeys.with(
          bids.map((input) => bidKey(input.record as Parameters<typeof bidKey>[0])),
        );
  const workIds =
    work.length === 0
      ? index.workIds
      : index.workIds.with(work.map((input) => (input.record as { id: string }).id));
  return {
    ...index,
    seq,
    bidKeys,
    bids: index.bids + bids.length,
    workIds,
    works: index.works + work.length,
  };
}

type Checked = Result<readonly PoolInput[], Failure<InputFailureCode | ScenarioCheckCode>>;

/** The whole check's answer for `inputs` from the index alone (checkBids, checkWork), or null
 *  when the index has no rule for them. */
export function checkByIndex(index: OpenPeriodIndex, inputs: readonly PoolInput[]): Checked | null {
  if (inputs.length === 0) return null;
  if (inputs.every((input) => input.kind === 'bids')) return checkBids(index, inputs);
  if (inputs.every((input) => input.kind === 'work')) return checkWork(index, inputs);
  return null;
}

/**
 * Work records given to the indexed period, checked as the whole check does: a record the schema
 * refuses (its shape, or units done where the task has no standard time or missing where it
 * has one) goes to the whole check, which counts the file's issues; then one record per id, the
 * person, the task and the confirmer declared, and the person and the confirmer members.
 */
export function checkWork(index: OpenPeriodIndex, inputs: readonly PoolInput[]): Checked | null {
  if (inputs.length === 0 || index.works + inputs.length > LIST_MAX) return null;
  const parsed: PoolInput[] = [];
  for (const input of inputs) {
    if (input.kind !== 'work' || input.period !== index.period) return null;
    const record = workSchema.safeParse(input.record);
    if (!record.success) return null;
    const standard = index.tasks.get(record.data.instanceId);
    if (standard !== undefined && (standard === null) !== (record.data.unitsDone === null)) {
      return null;
    }
    parsed.push({ ...input, record: record.data });
  }
  const records = parsed.map((input) => input.record as typeof workSchema._zod.output);
  const at = (i: number, rest: string) => `inputs[${i}] (work): ${rest}`;
  const seen = new Set<string>();
  for (const [i, record] of records.entries()) {
    if (index.workIds.has(record.id) || seen.has(record.id)) {
      return failure('scenario.duplicate_id', at(i, `"${record.id}" appears twice`));
    }
    seen.add(record.id);
  }
  const unknown = (i: number, field: string, kind: string, id: string) =>
    failure('scenario.unknown_reference', at(i, `${field}: unknown ${kind} "${id}"`));
  for (const [i, record] of records.entries()) {
    if (!index.memberNow.has(record.personId)) {
      return unknown(i, 'personId', 'person', record.personId);
    }
    if (!index.tasks.has(record.instanceId)) {
      return unknown(i, 'instanceId', 'task', record.instanceId);
    }
    if (record.confirmedBy !== null && !index.memberNow.has(record.confirmedBy)) {
      return unknown(i, 'confirmedBy', 'person', record.confirmedBy);
    }
  }
  for (const [i, record] of records.entries()) {
    for (const field of ['personId', 'confirmedBy'] as const) {
      const personId = record[field];
      if (personId !== null && !index.memberNow.get(personId)) {
        return failure(
          'scenario.not_a_member',
          at(i, `${field}: "${personId}" is not a member of the pool in period ${index.period}`),
        );
      }
    }
  }
  return ok(parsed);
}

/**
 * The whole check's answer for `inputs` given to the indexed period, from the index alone:
 * the inputs as parsed (defaults filled in), or its refusal with the same code and detail.
 * Null when the inputs are not all bids of the period or a record's shape is refused: the
 * whole check answers those.
 */
export function checkBids(index: OpenPeriodIndex, inputs: readonly PoolInput[]): Checked | null {
  if (inputs.length === 0 || index.bids + inputs.length > LIST_MAX) return null;
  const parsed: PoolInput[] = [];
  for (const input of inputs) {
    if (input.kind !== 'bids' || input.period !== index.period) return null;
    const record = bidSchema.safeParse(input.record);
    if (!record.success) return null;
    parsed.push({ ...input, record: record.data });
  }
  const bids = parsed.map((input) => input.record as typeof bidSchema._zod.output);
  const at = (i: number, rest: string) => `inputs[${i}] (bids): ${rest}`;
  // The schema's refinement: every bid below the weight in force is an issue of the file.
  const light = bids.flatMap((bid, i) => (bid.weightMilli < index.minWeightMilli ? [i] : []));
  if (light.length > 0) {
    const more = light.length > 1 ? ` (and ${light.length - 1} more)` : '';
    return failure(
      'economy.invalid_input',
      `${at(light[0]!, `weightMilli: must be ≥ ${index.minWeightMilli}`)}${more}`,
    );
  }
  // The cross-reference check: the period's bids unique first, then each bid's references.
  const seen = new Set<string>();
  for (const [i, bid] of bids.entries()) {
    const key = bidKey(bid);
    if (index.bidKeys.has(key) || seen.has(key))
      return failure('scenario.duplicate_id', at(i, `"${key}" appears twice`));
    seen.add(key);
  }
  for (const [i, bid] of bids.entries()) {
    if (!index.memberNow.has(bid.personId)) {
      return failure(
        'scenario.unknown_reference',
        at(i, `personId: unknown person "${bid.personId}"`),
      );
    }
    if (!index.tasks.has(bid.instanceId)) {
      return failure(
        'scenario.unknown_reference',
        at(i, `instanceId: unknown task "${bid.instanceId}"`),
      );
    }
  }
  // Membership, after every reference is known.
  for (const [i, bid] of bids.entries()) {
    if (!index.memberNow.get(bid.personId)) {
      return failure(
        'scenario.not_a_member',
        at(i, `personId: "${bid.personId}" is not a member of the pool in period ${index.period}`),
      );
    }
  }
  return ok(parsed);
}
