// A run state to step from that leaves the state it was taken from as it was (decision 0070).
// `stepPeriod` moves the state it is given on in place (run-state.ts), so a caller that steps
// the same state again and again (a projection read of the open period, after each new input)
// had to read the checkpoint back each time. A fork copies every part a step changes, the
// ledger (`forkLedger`: the records a command changes in place), the account kinds and the
// carried state, at a small part of the cost of reading the state back, and shares the parts a
// step only reads or replaces whole.

import { forkLedger } from '../ledger/index.ts';
import type { Carried } from './carried.ts';
import type { RunState } from './run-state.ts';

/** A deep copy of plain data (objects, arrays, maps, sets), a value reached twice copied once
 *  (the ledger's transfers and journal entries share transfers; the state's accounts are the
 *  carried account kinds). */
function copy<T>(value: T, seen: Map<object, unknown>): T {
  if (typeof value !== 'object' || value === null) return value;
  const held = seen.get(value);
  if (held !== undefined) return held as T;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    seen.set(value, out);
    for (let i = 0; i < value.length; i += 1) out[i] = copy(value[i], seen);
    return out as T;
  }
  if (value instanceof Map) {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value) out.set(copy(k, seen), copy(v, seen));
    return out as T;
  }
  if (value instanceof Set) {
    const out = new Set();
    seen.set(value, out);
    for (const v of value) out.add(copy(v, seen));
    return out as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // The state is plain data by construction (it serialises to JSON and back).
    throw new Error(`run state: cannot fork a ${proto?.constructor?.name ?? 'value'}`);
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const key of Object.keys(value))
    out[key] = copy((value as Record<string, unknown>)[key], seen);
  return out as T;
}

/**
 * A state equal to `state` that a step may move on without changing `state`. Shared, never
 * copied: the file and what is derived from it (a step with other inputs derives them anew),
 * the chart (a fork's account opens a new one), the association setup (set up anew from the
 * period's inputs) and the market's rotation records (a step appends new ones to the copied
 * list). Everything else the state holds is copied.
 */
export function forkRunState(state: RunState): RunState {
  const seen = new Map<object, unknown>();
  const accounts = copy(state.accounts, seen);
  const ledger = forkLedger(state.ledger);
  const carried = state.carried === null ? null : forkCarried(state.carried, seen);
  return { ...state, accounts, ledger, carried };
}

function forkCarried(carried: Carried, seen: Map<object, unknown>): Carried {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(carried)) {
    out[key] = key === 'associations' ? value : key === 'history' ? [...value] : copy(value, seen);
  }
  return out as unknown as Carried;
}
