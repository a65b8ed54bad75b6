// Pool market settings and their defaults (reference §9.1 in the units of MODEL.md §2).

import { failure, ok, type Result } from '../result.ts';
import type { Minutes, Ppm, WeightMilli } from '../units.ts';
import type { MarketSettings } from './types.ts';

/** The most bids one clearing accepts: a limit on everything (TigerBeetle style). */
export const BIDS_PER_CLEARING_MAX = 20_000_000;
export const WEIGHT_MILLI_MAX = 1_000_000;
/** A slot longer than a week of minutes is a different kind of task (split it). */
export const MINUTES_PER_SLOT_MAX = 10_080;

export const DEFAULT_MARKET_SETTINGS: MarketSettings = {
  minWeightMilli: 100 as WeightMilli,
  capWeightMilli: 5000 as WeightMilli,
  escalationStepPpm: 250_000 as Ppm,
  escalationWindowMinutes: 720 as Minutes,
  minNoticeMinutes: 720 as Minutes,
  biddingWindowRecurringMinutes: 4320 as Minutes,
  biddingWindowAdHocMinutes: 1440 as Minutes,
  clearingRule: 'lowest',
  rotationWindowPeriods: 4,
  weighting: 'auction',
  rotaCredit: 'cap',
};

export function validateSettings(settings: MarketSettings): Result<MarketSettings> {
  const { minWeightMilli, capWeightMilli } = settings;
  if (!Number.isSafeInteger(minWeightMilli) || minWeightMilli < 1) {
    return failure('market.settings_invalid', 'minWeightMilli must be a positive integer');
  }
  if (
    !Number.isSafeInteger(capWeightMilli) ||
    capWeightMilli < minWeightMilli ||
    capWeightMilli > WEIGHT_MILLI_MAX
  ) {
    return failure(
      'market.settings_invalid',
      `capWeightMilli must be an integer in [minWeightMilli, ${WEIGHT_MILLI_MAX}]`,
    );
  }
  if (!Number.isSafeInteger(settings.escalationStepPpm) || settings.escalationStepPpm <= 0) {
    return failure('market.settings_invalid', 'escalationStepPpm must be positive');
  }
  if (!Number.isSafeInteger(settings.rotationWindowPeriods) || settings.rotationWindowPeriods < 0) {
    return failure('market.settings_invalid', 'rotationWindowPeriods must be ≥ 0');
  }
  return ok(settings);
}
