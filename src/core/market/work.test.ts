// Proves work records credit only after confirmation by a maintainer or named peer, as a
// `work.credit` TransferRequest of minutes × weight to the mWH; standard times, rejections,
// reversals and upgrade top-ups behave as MODEL.md M2 and reference §4.3 say.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AccountId, asId, type ProjectId, type TransferId } from '../ids.ts';
import type { Minutes, WeightMilli } from '../units.ts';
import { openAuction } from './escalation.ts';
import { instanceId, person, templateId } from './fixtures.ts';
import { confirmWork, recordWork, rejectWork, reverseWork, upgradeCredit } from './work.ts';

const project = asId<'Project'>('garden') as ProjectId;
const projectAccount = asId<'Account'>('acc-garden') as AccountId;
const anaAccount = asId<'Account'>('acc-ana') as AccountId;
const transferId = (id: string) => asId<'Transfer'>(id) as TransferId;
const policy = { maintainers: [person('mia')], namedPeers: [person('pete')] };
const auction = {
  ...openAuction({
    id: instanceId('weeding'),
    templateId: templateId('weeding'),
    projectId: project,
    period: 3,
    slots: 2,
    minutesPerSlot: 180 as Minutes,
    biddingOpensAtMinute: 0,
    biddingClosesAtMinute: 10,
    startsAtMinute: 100,
    deadlineMinute: 100,
    location: null,
    indicatedWeightMilli: 1000 as WeightMilli,
  }),
  winners: [{ personId: person('ana'), round: 0, bidWeightMilli: 900 as WeightMilli }],
  weightMilli: 1100 as WeightMilli,
};

function recorded(minutesWorked = 170) {
  const r = recordWork({
    recordId: 'wr-1',
    auction,
    projectId: project,
    personId: person('ana'),
    period: 3,
    minutesWorked,
    standardMinutesPerUnit: null,
  });
  assert.ok(r.ok);
  return r.value;
}

const confirmation = {
  confirmerId: person('mia'),
  policy,
  weightMilli: 1100 as WeightMilli,
  transferId: transferId('tr-1'),
  projectAccountId: projectAccount,
  personAccountId: anaAccount,
};

describe('work records', () => {
  it('confirmation by a maintainer yields a work.credit transfer of minutes × weight', () => {
    const confirmed = confirmWork(recorded(), confirmation);
    assert.ok(confirmed.ok);
    // 170 min × 1.100 / 60 = 3116.67 → 3117 mWH (half-even).
    assert.deepEqual(confirmed.value.transfer, {
      id: 'tr-1',
      debitAccountId: 'acc-garden',
      creditAccountId: 'acc-ana',
      amount: 3117,
      unit: 'effort',
      code: 'work.credit',
      reference: 'wr-1',
      period: 3,
    });
    assert.equal(confirmed.value.record.status, 'confirmed');
    const again = confirmWork(confirmed.value.record, confirmation);
    assert.equal(again.ok ? '' : again.error.code, 'work.not_pending');
  });

  it('a named peer may confirm; the worker and outsiders may not', () => {
    assert.ok(confirmWork(recorded(), { ...confirmation, confirmerId: person('pete') }).ok);
    const self = confirmWork(recorded(), { ...confirmation, confirmerId: person('ana') });
    assert.equal(self.ok ? '' : self.error.code, 'work.self_confirmation');
    const outsider = confirmWork(recorded(), { ...confirmation, confirmerId: person('zed') });
    assert.equal(outsider.ok ? '' : outsider.error.code, 'work.confirmer_not_allowed');
    const rejectedByOutsider = rejectWork(recorded(), person('zed'), policy);
    assert.equal(
      rejectedByOutsider.ok ? '' : rejectedByOutsider.error.code,
      'work.confirmer_not_allowed',
    );
  });

  it('only winners record work, within sane minutes', () => {
    const base = {
      recordId: 'x',
      auction,
      projectId: project,
      period: 3,
      standardMinutesPerUnit: null,
    };
    const stranger = recordWork({ ...base, personId: person('bob'), minutesWorked: 60 });
    assert.equal(stranger.ok ? '' : stranger.error.code, 'work.not_assigned');
    const tooLong = recordWork({ ...base, personId: person('ana'), minutesWorked: 20_000 });
    assert.equal(tooLong.ok ? '' : tooLong.error.code, 'work.minutes_invalid');
  });

  it('standard times credit units × standard minutes, whatever the speed', () => {
    const base = {
      recordId: 'wr-2',
      auction,
      projectId: project,
      personId: person('ana'),
      period: 3,
      standardMinutesPerUnit: 15 as Minutes,
    };
    const r = recordWork({ ...base, minutesWorked: 300, unitsDone: 8 });
    assert.ok(r.ok);
    assert.equal(r.value.creditedMinutes, 120);
    const confirmed = confirmWork(r.value, confirmation);
    assert.equal(confirmed.ok && confirmed.value.transfer.amount, 2200);
    const missing = recordWork({ ...base, minutesWorked: 300 });
    assert.equal(missing.ok ? '' : missing.error.code, 'work.units_invalid');
  });

  it('rejection gives no credit; zero minutes credit nothing', () => {
    const rejected = rejectWork(recorded(), person('mia'), policy);
    assert.ok(rejected.ok);
    assert.equal(rejected.value.status, 'rejected');
    assert.equal(rejectWork(rejected.value, person('mia'), policy).ok, false);
    const nothing = confirmWork(recorded(0), confirmation);
    assert.equal(nothing.ok ? '' : nothing.error.code, 'work.nothing_to_credit');
  });

  it('corrections are reversals of the credit transfer', () => {
    const confirmed = confirmWork(recorded(), confirmation);
    assert.ok(confirmed.ok);
    const reversed = reverseWork(confirmed.value.record, transferId('rev-1'));
    assert.ok(reversed.ok);
    assert.deepEqual(reversed.value.reversal, {
      id: 'rev-1',
      originalId: 'tr-1',
      reference: 'wr-1',
      period: 3,
    });
    assert.equal(reversed.value.record.status, 'reversed');
    assert.equal(reverseWork(reversed.value.record, transferId('rev-2')).ok, false);
  });

  it('a later upgrade credits the difference, never less', () => {
    const confirmed = confirmWork(recorded(180), confirmation);
    assert.ok(confirmed.ok);
    assert.equal(confirmed.value.transfer.amount, 3300);
    const up = upgradeCredit(
      confirmed.value.record,
      2200 as WeightMilli,
      transferId('up-1'),
      projectAccount,
      anaAccount,
    );
    assert.ok(up.ok);
    assert.equal(up.value.transfer?.amount, 3300);
    assert.equal(up.value.transfer?.code, 'work.upgrade');
    assert.equal(up.value.record.amountEffortMilli, 6600);
    const down = upgradeCredit(
      up.value.record,
      1000 as WeightMilli,
      transferId('up-2'),
      projectAccount,
      anaAccount,
    );
    assert.ok(down.ok);
    assert.equal(down.value.transfer, null);
    assert.equal(
      upgradeCredit(recorded(), 2000 as WeightMilli, transferId('u'), projectAccount, anaAccount)
        .ok,
      false,
    );
  });
});
