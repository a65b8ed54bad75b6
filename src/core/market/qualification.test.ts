// Proves only persons holding an instance's qualification may bid on it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bid, instanceId, person } from './fixtures.ts';
import { checkQualifications } from './qualification.ts';

describe('qualifications', () => {
  const required = new Map([
    [instanceId('wiring'), 'electrician'],
    [instanceId('sweeping'), null],
  ]);
  const held = new Map([[person('eve'), new Set(['electrician'])]]);

  it('accepts qualified and ungated bids', () => {
    const bids = [bid('eve', 'wiring', 1000), bid('bob', 'sweeping', 1000)];
    assert.deepEqual(checkQualifications(bids, required, held), { ok: true, value: true });
  });

  it('refuses an unqualified bid by code', () => {
    const result = checkQualifications([bid('bob', 'wiring', 1000)], required, held);
    assert.equal(result.ok ? '' : result.error.code, 'market.not_qualified');
  });
});
