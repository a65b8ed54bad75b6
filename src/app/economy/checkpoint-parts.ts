// A checkpoint in parts (decision 0062): the run state without the task market's rotation
// history, and that history one segment per closed period beside it. The history is the one
// part of the state that grows with every period and that a later period may read back up to
// 1,000 periods (a raised rotation window), so it cannot be dropped; kept apart, a close writes
// its own period's segment only and a step reads the segments of its window only, whatever
// the length of the history. A state read back from its parts steps exactly as the whole one:
// the market reads no rotation record older than the window in force in the period.
import type { TemplateHistory } from '../../core/market/index.ts';
import { type Failure, failure, type Result } from '../../core/result.ts';
import {
  compactCanonicalJson,
  parseRunState,
  poolInForce,
  type RunState,
  type Scenario,
  serialiseRunState,
} from '../../core/scenario/index.ts';
import type { RotationSegment, StoredCheckpoint } from '../ports/economy-store.ts';
import { textSha256 } from '../sha256.ts';

/** The first period whose rotation records a step of period p reads: the market sums a
 *  person's effort per template over the periods [p − K, p − 1], K the window in force in p. */
export function rotationFromFor(scenario: Scenario, p: number): number {
  return Math.max(1, p - poolInForce(scenario, p).market.rotationWindowPeriods);
}

/** The state's rotation records of the periods from `from` on, one segment per period. */
function segmentsOf(history: readonly TemplateHistory[], from: number): RotationSegment[] {
  const byPeriod = new Map<number, TemplateHistory[]>();
  // The records are appended period by period, so those from `from` on are a tail.
  let start = history.length;
  while (start > 0 && history[start - 1]!.period >= from) start -= 1;
  for (let i = start; i < history.length; i += 1) {
    const record = history[i]!;
    let list = byPeriod.get(record.period);
    if (list === undefined) {
      list = [];
      byPeriod.set(record.period, list);
    }
    list.push(record);
  }
  return [...byPeriod].map(([period, records]) => {
    const text = compactCanonicalJson(records);
    return { period, records: text, recordsSha256: textSha256(text) };
  });
}

/**
 * The checkpoint kept of `state`: its text without the rotation history, with its hash, and
 * the history's segments of the periods from `rotationFrom` on (a close gives its own period:
 * the segments before it are stored already; a run from the first period gives 1).
 */
export function checkpointOf(state: RunState, rotationFrom: number): StoredCheckpoint {
  const carried = state.carried;
  const head = carried === null ? state : { ...state, carried: { ...carried, history: [] } };
  const text = serialiseRunState(head);
  return {
    period: state.periodsRun,
    state: text,
    stateSha256: textSha256(text),
    rotationFrom,
    rotation: segmentsOf(carried?.history ?? [], rotationFrom),
  };
}

export type CheckpointReadCode = 'checkpoint.hash' | 'checkpoint.older' | 'checkpoint.state';

/**
 * The state a checkpoint holds, with the rotation records of the segments read (those from
 * its `rotationFrom` on): enough to step the period after it when they cover that period's
 * window. Refused when a segment does not hash to its stored SHA-256, the text does not read
 * back, or the text holds rotation records itself (a checkpoint from before decision 0062).
 */
export function readCheckpoint(
  checkpoint: StoredCheckpoint,
): Result<RunState, Failure<CheckpointReadCode>> {
  const parsed = parseRunState(checkpoint.state);
  if (!parsed.ok)
    return failure('checkpoint.state', `${parsed.error.code}: ${parsed.error.detail}`);
  const history = parsed.value.carried?.history;
  if (history === undefined) return parsed;
  if (history.length > 0) {
    return failure('checkpoint.older', 'the rotation history is in the text (before 0062)');
  }
  let last = 0;
  for (const segment of checkpoint.rotation) {
    if (textSha256(segment.records) !== segment.recordsSha256 || segment.period <= last) {
      return failure('checkpoint.hash', `rotation records of period ${segment.period} differ`);
    }
    last = segment.period;
    for (const record of JSON.parse(segment.records) as TemplateHistory[]) {
      if (record.period !== segment.period) {
        return failure('checkpoint.hash', `rotation records of period ${segment.period} differ`);
      }
      history.push(record);
    }
  }
  return parsed;
}
