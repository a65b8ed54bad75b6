// The task market (issue 3, MODEL.md §4, M2–M4, M15): one exact clearing per pool round with
// competitive uniform weights and a checked certificate, escalation rounds, the fair rota, and
// work records that turn confirmed work into ledger transfer requests.

export { hashString32, lotteryTicket, mulberry32 } from '../random.ts';
export { checkClearing, checkClearingColumns, checkIndexedClearing } from './check.ts';
export type { ClearOptions, IndexedInput } from './clear.ts';
export {
  buildClearing,
  clearingPrices,
  clearRound,
  clearRoundColumns,
  indexRound,
  indexRoundColumns,
  roundedWeight,
} from './clear.ts';
export type {
  AuctionStatus,
  EscalationEvent,
  InstanceAuction,
  RoundApplied,
  Winner,
} from './escalation.ts';
export {
  applyRound,
  bidsForNextRound,
  capacitiesForNextRound,
  nextIndicatedWeight,
  openAuction,
  releaseSlot,
  remainingInstance,
  unfilledSlots,
  winnerCredits,
} from './escalation.ts';
export type { RoundLp } from './lp.ts';
export { roundLp } from './lp.ts';
export { checkQualifications } from './qualification.ts';
export type { PlanRotaInput, Rota, RotaShift, RotaSlotNeed, ShiftRef } from './rota.ts';
export { medianWeightMilli, planRota, swapShifts } from './rota.ts';
export type { FlowSolution, IndexedRound, Orientation } from './round-solve.ts';
export { bidCost, bidRank, chooseOrientation, solveRound } from './round-solve.ts';
export {
  BIDS_PER_CLEARING_MAX,
  DEFAULT_MARKET_SETTINGS,
  MINUTES_PER_SLOT_MAX,
  validateSettings,
  WEIGHT_MILLI_MAX,
} from './settings.ts';
export type * from './types.ts';
export type { WeightedDuration } from './weight-index.ts';
export { weightIndexMilli } from './weight-index.ts';
export type {
  ConfirmWorkCommand,
  RecordWorkCommand,
  WorkRecord,
  WorkRecordStatus,
} from './work.ts';
export {
  confirmWork,
  recordWork,
  rejectWork,
  reverseWork,
  upgradeCredit,
  WORK_CREDIT_CODE,
  WORK_UPGRADE_CODE,
} from './work.ts';
