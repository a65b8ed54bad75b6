// Proves that a security event is appended with its time and the request's source address and
// reported to the log, and that a User-Agent header is kept only as a short label.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OUTSIDE_REQUEST } from './account-writes.ts';
import { type SecurityEvent, securityEventRecorder, userAgentLabel } from './security-events.ts';

test('an event gets the time and the source of the request it was recorded for, and is logged', async () => {
  const appended: Omit<SecurityEvent, 'seq'>[] = [];
  const logged: Omit<SecurityEvent, 'seq'>[] = [];
  const record = securityEventRecorder(
    async (event) => {
      appended.push(event);
    },
    () => 42,
    (event) => logged.push(event),
  );
  await record(
    { kind: 'sign_in.failed', accountId: null, login: 'ana', detail: {} },
    { ip: '203.0.113.7', agent: 'Firefox on Linux' },
  );
  await record(
    { kind: 'sign_out', accountId: 'acc_1', login: null, detail: {} },
    OUTSIDE_REQUEST.source,
  );
  assert.deepEqual(appended, [
    {
      kind: 'sign_in.failed',
      accountId: null,
      login: 'ana',
      detail: {},
      at: 42,
      sourceIp: '203.0.113.7',
    },
    { kind: 'sign_out', accountId: 'acc_1', login: null, detail: {}, at: 42, sourceIp: null },
  ]);
  assert.deepEqual(logged, appended);
});

test('user agents become short labels', () => {
  assert.equal(
    userAgentLabel(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0',
    ),
    'Edge on Windows',
  );
  assert.equal(
    userAgentLabel(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    ),
    'Safari on iOS',
  );
  assert.equal(userAgentLabel('curl/8.5.0'), 'curl');
  assert.equal(userAgentLabel('something odd'), 'other');
  assert.equal(userAgentLabel(undefined), null);
});
