// What the runner's parts share: why a run stops and the shape of a step that either continues
// with a value or stops the run with a report, and a few small records of the carried state.
// A leaf: it imports no mechanism, so every mechanism can import it.

import { compareIds } from '../units.ts';
import type { PreOrderSpec } from './types.ts';

/** The MODEL.md §6 invariants the runner checks every period. */
export type InvariantName =
  | 'certificate'
  | 'ledgerConservation'
  | 'journal'
  | 'poolIdentity'
  | 'bounds'
  | 'idempotentReplay'
  | 'possession'
  | 'settlementMatchesLedger'
  | 'federation';

export interface RunStop {
  readonly period: number;
  /** The invariant that broke; null when a rule refused the scenario's input instead. */
  readonly invariant: InvariantName | null;
  readonly code: string;
  readonly detail: string;
}

export const byId = <T extends { readonly id: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => compareIds(a.id, b.id));

/** One period's actual batch of a recipe product (a joint output: its share). */
export interface RecipeActual {
  readonly period: number;
  readonly units: number;
  readonly batchEffortMilli: number;
}

/** The key of a means of production: one project's means of one id, whichever recipe names it. */
export const meansKey = (projectId: string, meansId: string): string =>
  `${projectId}\u0000${meansId}`;

export interface OpenPreOrder {
  readonly spec: PreOrderSpec;
  /** The period it was placed in; only a later period's production fulfils it. */
  readonly placedIn: number;
}

export type Step<T> = { ok: true; value: T } | { ok: false; stop: RunStop };
export const stop = (
  period: number,
  invariant: InvariantName | null,
  code: string,
  detail: string,
): { ok: false; stop: RunStop } => ({ ok: false, stop: { period, invariant, code, detail } });

/** Stops the run on an expected failure of a step, passed on as it came (no invariant). */
export const stopOn = (
  period: number,
  error: { readonly code: string; readonly detail: string },
): { ok: false; stop: RunStop } => stop(period, null, error.code, error.detail);
