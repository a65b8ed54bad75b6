// What the runner's steps share: the state carried from period to period, and the shape of a
// step that either continues with a value or stops the run with a report.

import type { DurableGood, Dwelling, HousingAccount, HousingUnit } from '../commons/index.ts';
import type { ProductPeriodRecord } from '../goods/index.ts';
import type { AccountId } from '../ids.ts';
import type { AccountKind } from '../ledger/index.ts';
import type { TemplateHistory } from '../market/index.ts';
import { compareIds, type Ppm } from '../units.ts';
import type { RunningTerm } from './allocation-models.ts';
import type { AssociationSetup } from './associations.ts';
import type { TrackedCommitment } from './commitments.ts';
import type { MoneyBooks } from './money.ts';
import type { Reservation } from './reservations.ts';
import type { CommonsState } from './resources.ts';
import type { InvariantName, RunStop } from './run-types.ts';
import type { PreOrderSpec } from './types.ts';

export const byId = <T extends { readonly id: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => compareIds(a.id, b.id));

export interface Carried {
  readonly kinds: ReadonlyMap<AccountId, AccountKind>;
  readonly associations: AssociationSetup | null;
  readonly housingUnits: readonly HousingUnit[];
  housingAccounts: ReadonlyMap<string, HousingAccount>;
  productRecords: Map<string, ProductPeriodRecord[]>;
  /** Units taken per product and period that were not pre-ordered (planning history). */
  nonPreordered: Map<string, number[]>;
  durableGoods: ReadonlyMap<string, DurableGood>;
  /** Dwellings possessed under a steward's idle rule (decision 0017), by unit id. */
  dwellings: ReadonlyMap<string, Dwelling>;
  factor: Ppm;
  history: TemplateHistory[];
  lastWeights: Map<string, number>;
  stockUnits: Map<string, number>;
  inventory: Map<string, number>;
  /** Pre-orders to be taken when produced, not yet taken nor cancelled, by id. */
  openPreOrders: Map<string, OpenPreOrder>;
  /** Premium commitments not yet worked off, oldest first. */
  commitments: TrackedCommitment[];
  /** Goods won on a commitment released on completion, waiting in stock (reservations.ts). */
  reservations: Reservation[];
  /** Non-renewables extracted so far and land leases running on (resources.ts). */
  commons: CommonsState;
  /** The projects' money books (never effort); null when no project keeps money. */
  readonly money?: MoneyBooks | null;
  /** The last flat-allocation price of each such product (effort ÷ units of its last batch). */
  flatPrices: Map<string, number>;
  /** Bidding terms settled and still running (charged each period of the term). */
  biddingTerms: RunningTerm[];
  /** A covered term's surplus kept for the bundle's next term (`surplus: lowerGuideline`). */
  biddingSurplus: Map<string, { readonly effortMilli: number; readonly moneyCents: number }>;
  /** Each recipe product's actual batches so far (M6), oldest first, for re-estimating. */
  recipeActuals: Map<string, RecipeActual[]>;
  /** What the batches so far charged for each means of production, by project and means id
   *  (`meansKey`): the part of its build effort (and maintenance) recovered. */
  meansChargedEffortMilli: Map<string, number>;
  /** Means of production abandoned so far (`meansKey`): no recipe charges them any more. */
  abandonedMeans: Set<string>;
}

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
