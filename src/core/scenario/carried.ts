// The state one period hands on to the next: the union of each mechanism's slice. A
// mechanism declares the slice it reads and moves on (e.g. `TakingsCarried` in goods.ts) and
// never imports this file, so the runner depends on the mechanisms and not the other way.

import type { DurableGood, Dwelling, HousingAccount, HousingUnit } from '../commons/index.ts';
import type { AccountId } from '../ids.ts';
import type { AccountKind } from '../ledger/index.ts';
import type { Ppm } from '../units.ts';
import type { AllocationModelsCarried } from './allocation-models.ts';
import type { AssociationSetup } from './associations.ts';
import type { TakingsCarried } from './goods.ts';
import type { MarketState } from './market-state.ts';
import type { MoneyBooks } from './money.ts';
import type { PlanningCarried } from './planning.ts';
import type { RecipesCarried } from './recipes.ts';
import type { CommonsState } from './resources.ts';

export interface Carried
  extends TakingsCarried,
    AllocationModelsCarried,
    PlanningCarried,
    RecipesCarried,
    MarketState {
  readonly kinds: ReadonlyMap<AccountId, AccountKind>;
  readonly associations: AssociationSetup | null;
  readonly housingUnits: readonly HousingUnit[];
  housingAccounts: ReadonlyMap<string, HousingAccount>;
  durableGoods: ReadonlyMap<string, DurableGood>;
  /** Dwellings possessed under a steward's idle rule (decision 0017), by unit id. */
  dwellings: ReadonlyMap<string, Dwelling>;
  /** The price factor of the next period (M8). */
  factor: Ppm;
  /** Each project's inventory value: its books' balance of effort held in products. */
  inventory: Map<string, number>;
  /** Non-renewables extracted so far and land leases running on (resources.ts). */
  commons: CommonsState;
  /** The projects' money books (never effort); null when no project keeps money. */
  readonly money?: MoneyBooks | null;
}
