// Work records (MODEL.md M2, reference §4.3): a person records the minutes worked on a slot
// they won; a maintainer of the project or a peer the project names confirms; only then a
// ledger transfer credits minutes × weight (MODEL.md §2). Measurable work may be credited by a
// standard time per unit, so speed does not matter. Corrections are reversals, never edits.

import type { AccountId, PersonId, ProjectId, TaskInstanceId, TransferId } from '../ids.ts';
import type { ReverseCommand, TransferRequest } from '../ledger/index.ts';
import { type ConfirmationPolicy, mayConfirm } from '../project/index.ts';
import { failure, ok, type Result } from '../result.ts';
import { creditEffortMilli, type EffortMilli, type Minutes, type WeightMilli } from '../units.ts';
import type { InstanceAuction } from './escalation.ts';

export const WORK_CREDIT_CODE = 'work.credit';
/** A later escalation round lifted the weight after the credit posted: the difference. */
export const WORK_UPGRADE_CODE = 'work.upgrade';
/** More than a week of minutes in one record is a typing error, not a shift. */
export const WORK_MINUTES_MAX = 10_080;
export const WORK_UNITS_MAX = 1_000_000;

export type WorkRecordStatus = 'recorded' | 'confirmed' | 'rejected' | 'reversed';

export interface WorkRecord {
  readonly id: string;
  readonly instanceId: TaskInstanceId;
  readonly projectId: ProjectId;
  readonly personId: PersonId;
  readonly period: number;
  readonly minutesWorked: Minutes;
  /** Units of measurable work; null when credited by time. */
  readonly unitsDone: number | null;
  /** What is credited: the minutes worked, or units × the standard time. */
  readonly creditedMinutes: Minutes;
  readonly status: WorkRecordStatus;
  readonly confirmedBy: PersonId | null;
  /** Weight and amount of the credit once confirmed. */
  readonly weightMilli: WeightMilli | null;
  readonly amountEffortMilli: EffortMilli | null;
  readonly transferId: TransferId | null;
}

export interface RecordWorkCommand {
  readonly recordId: string;
  readonly auction: InstanceAuction;
  readonly projectId: ProjectId;
  readonly personId: PersonId;
  readonly period: number;
  readonly minutesWorked: number;
  readonly unitsDone?: number;
  /** The template's standard time per unit; null = credit by time. */
  readonly standardMinutesPerUnit: Minutes | null;
}

export function recordWork(command: RecordWorkCommand): Result<WorkRecord> {
  const { auction, personId } = command;
  if (!auction.winners.some((w) => w.personId === personId)) {
    return failure('work.not_assigned', `${personId} holds no slot of ${auction.instanceId}`);
  }
  const worked = command.minutesWorked;
  if (!Number.isSafeInteger(worked) || worked < 0 || worked > WORK_MINUTES_MAX) {
    return failure('work.minutes_invalid', `minutes worked must be 0…${WORK_MINUTES_MAX}`);
  }
  let credited = worked;
  let units: number | null = null;
  if (command.standardMinutesPerUnit !== null) {
    const done = command.unitsDone;
    if (done === undefined || !Number.isSafeInteger(done) || done < 0 || done > WORK_UNITS_MAX) {
      return failure('work.units_invalid', 'measurable work needs the number of units done');
    }
    units = done;
    credited = done * command.standardMinutesPerUnit;
  }
  return ok({
    id: command.recordId,
    instanceId: auction.instanceId,
    projectId: command.projectId,
    personId,
    period: command.period,
    minutesWorked: worked as Minutes,
    unitsDone: units,
    creditedMinutes: credited as Minutes,
    status: 'recorded',
    confirmedBy: null,
    weightMilli: null,
    amountEffortMilli: null,
    transferId: null,
  });
}

export interface ConfirmWorkCommand {
  readonly confirmerId: PersonId;
  readonly policy: ConfirmationPolicy;
  /** The instance's weight now (after any upgrades). */
  readonly weightMilli: WeightMilli;
  readonly transferId: TransferId;
  readonly projectAccountId: AccountId;
  readonly personAccountId: AccountId;
}

/** Why the person may not confirm or reject the record, or null: nobody confirms their own
 *  work, and only whom the project's policy names may (M1). */
function refusalOf(record: WorkRecord, confirmerId: PersonId, policy: ConfirmationPolicy) {
  if (confirmerId === record.personId) {
    return failure('work.self_confirmation', 'nobody confirms their own work record');
  }
  if (!mayConfirm(policy, confirmerId)) {
    return failure('work.confirmer_not_allowed', `${confirmerId} may not confirm for the project`);
  }
  return null;
}

export function confirmWork(
  record: WorkRecord,
  command: ConfirmWorkCommand,
): Result<{ record: WorkRecord; transfer: TransferRequest }> {
  if (record.status !== 'recorded') {
    return failure('work.not_pending', `record ${record.id} is ${record.status}`);
  }
  const refused = refusalOf(record, command.confirmerId, command.policy);
  if (refused) return refused;
  const amount = creditEffortMilli(record.creditedMinutes, command.weightMilli);
  if (amount <= 0) return failure('work.nothing_to_credit', `record ${record.id} credits nothing`);
  const transfer: TransferRequest = {
    id: command.transferId,
    debitAccountId: command.projectAccountId,
    creditAccountId: command.personAccountId,
    amount,
    unit: 'effort',
    code: WORK_CREDIT_CODE,
    reference: record.id,
    period: record.period,
  };
  return ok({
    record: {
      ...record,
      status: 'confirmed',
      confirmedBy: command.confirmerId,
      weightMilli: command.weightMilli,
      amountEffortMilli: amount,
      transferId: command.transferId,
    },
    transfer,
  });
}

/** The record was not confirmed (work not done or not as recorded): no credit. */
export function rejectWork(
  record: WorkRecord,
  confirmerId: PersonId,
  policy: ConfirmationPolicy,
): Result<WorkRecord> {
  if (record.status !== 'recorded') {
    return failure('work.not_pending', `record ${record.id} is ${record.status}`);
  }
  const refused = refusalOf(record, confirmerId, policy);
  if (refused) return refused;
  return ok({ ...record, status: 'rejected', confirmedBy: confirmerId });
}

/** A correction: the ledger reverses the credit; the record is kept and marked reversed. */
export function reverseWork(
  record: WorkRecord,
  reversalId: TransferId,
): Result<{ record: WorkRecord; reversal: ReverseCommand }> {
  if (record.status !== 'confirmed' || record.transferId === null) {
    return failure('work.not_confirmed', `record ${record.id} has no credit to reverse`);
  }
  return ok({
    record: { ...record, status: 'reversed' },
    reversal: {
      id: reversalId,
      originalId: record.transferId,
      reference: record.id,
      period: record.period,
    },
  });
}

/**
 * A weight is never lowered after assignment, but an escalation round may raise it after the
 * credit posted: the difference is credited by a transfer of its own.
 */
export function upgradeCredit(
  record: WorkRecord,
  newWeightMilli: WeightMilli,
  transferId: TransferId,
  projectAccountId: AccountId,
  personAccountId: AccountId,
): Result<{ record: WorkRecord; transfer: TransferRequest | null }> {
  if (record.status !== 'confirmed' || record.weightMilli === null) {
    return failure('work.not_confirmed', `record ${record.id} is not confirmed`);
  }
  if (newWeightMilli <= record.weightMilli) return ok({ record, transfer: null });
  const total = creditEffortMilli(record.creditedMinutes, newWeightMilli);
  const difference = total - (record.amountEffortMilli ?? 0);
  const updated = { ...record, weightMilli: newWeightMilli, amountEffortMilli: total };
  if (difference <= 0) return ok({ record: updated, transfer: null });
  return ok({
    record: updated,
    transfer: {
      id: transferId,
      debitAccountId: projectAccountId,
      creditAccountId: personAccountId,
      amount: difference,
      unit: 'effort',
      code: WORK_UPGRADE_CODE,
      reference: record.id,
      period: record.period,
    },
  });
}
