// What every part of a period is given: the file, the pool's chart and ledger, the period and
// its inputs, the settings in force, and the state carried from the period before.

import type { LedgerState } from '../ledger/index.ts';
import type { PoolChart } from '../pool/index.ts';
import type { Carried } from './carried.ts';
import type { CrossPoolPeriod } from './cross-pool.ts';
import type { MarketMemo } from './market-memo.ts';
import type { SettingsInForce } from './settings.ts';
import type { PeriodSpec, Scenario } from './types.ts';

export interface PeriodContext {
  /** The file with its own settings, from which any period's are derived (forgiveness looks
   *  back to a member's last period). */
  readonly given: Scenario;
  readonly chart: PoolChart;
  readonly ledger: LedgerState;
  readonly p: number;
  readonly period: PeriodSpec;
  /** The settings in force in each period up to this one (period p at index p − 1). */
  readonly settings: readonly SettingsInForce[];
  readonly carried: Carried;
  /** What federated pools add to the period; undefined outside a federation. */
  readonly extra?: CrossPoolPeriod;
  /** A clearing kept from an earlier run of the same period (decision 0067). */
  readonly marketMemo?: MarketMemo;
  /** 'notLedger' leaves out the books' invariant checks at the close (conservation, bounds,
   *  identity, replay, journal): only for a run that is shown and thrown away, never kept
   *  (decision 0075). Undefined or 'all': every check, as a close makes them. */
  readonly checks?: PeriodChecks;
}

/** Which of the close's checks a period run makes (decision 0075). */
export type PeriodChecks = 'all' | 'notLedger';
