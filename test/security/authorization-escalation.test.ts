// Beyond the role matrix: every id-taking route of the API and the web app tried with ids of
// another person, project, association, pool and account (horizontal), and with the roles
// below the one it needs (vertical); none succeeds (the API refuses with 401, 403 or 404, a
// page with a 4xx), and none changes a row of the database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sessionIdOf } from '../../src/app/auth/own-sessions.ts';
import { secretSha256 } from '../../src/app/auth/secrets.ts';
import { type EscalationCase, escalationCases } from './escalation-cases.ts';
import { type SecurityFixture, startSecurityFixture } from './fixture.ts';
import { loadOperations } from './fuzz/operations.ts';
import { watchState } from './state-watch.ts';
import { WEB_ID_ROUTES, webEscalationCases } from './web-escalation-cases.ts';

let fixture: SecurityFixture;
let cases: EscalationCase[];

before(async () => {
  fixture = await startSecurityFixture();
  const { app } = fixture.server;
  const token = async (login: string, scope: string) => {
    const response = await app.request('/api/v1/auth/tokens', {
      method: 'POST',
      headers: {
        cookie: await fixture.cookieOf(login),
        'content-type': 'application/json',
        'idempotency-key': `escalation-${login}-${scope}`,
      },
      body: JSON.stringify({ name: 'escalation', scope, ttlDays: 1 }),
    });
    assert.equal(response.status, 201);
    return (await response.json()) as { token: string; tokenId: string };
  };
  const readOnly = await token('coordinator', 'read');
  const ofMember = await token('member', 'write');
  // Every account signs in before the first hash, so a session is no change.
  for (const login of [
    'outsider',
    'member',
    'maintainer',
    'confirmer',
    'steward',
    'auditor',
    'coordinator',
    'fay',
    'quinn',
  ]) {
    await fixture.cookieOf(login);
  }
  const memberSession = (await fixture.cookieOf('member')).split('=')[1]!;
  const sessionIdOfMember = sessionIdOf(secretSha256(memberSession));
  cases = [
    ...escalationCases(fixture, {
      readOnlyOfCoordinator: readOnly.token,
      tokenIdOfMember: ofMember.tokenId,
      sessionIdOfMember,
    }),
    ...webEscalationCases(fixture, sessionIdOfMember),
  ];
});
after(() => fixture.close());

async function send(attempt: EscalationCase): Promise<Response> {
  const headers = new Headers();
  if (attempt.bearer !== undefined) headers.set('authorization', `Bearer ${attempt.bearer}`);
  else if (attempt.actor !== 'public') headers.set('cookie', await fixture.cookieOf(attempt.actor));
  let body: string | undefined;
  if (attempt.form !== undefined) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams({
      formKey: `escalation-${Math.random().toString(36).slice(2)}`,
      ...attempt.form,
    }).toString();
  } else if (attempt.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(attempt.body);
  }
  if (attempt.method !== 'GET')
    headers.set('idempotency-key', `escalation-${Math.random().toString(36).slice(2)}`);
  return fixture.server.app.request(attempt.path, {
    method: attempt.method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
}

test('every id-taking route of the API and the web app is attacked', () => {
  const idTaking = loadOperations()
    .filter((o) => o.parameters.some((p) => p.in === 'path') || o.body !== null)
    .map((o) => `${o.method} ${o.template}`)
    // The second factor's routes take no id: they act on the caller's own account only.
    .filter(
      (route) =>
        !/^(POST \/auth\/(sign-in|sign-in\/second-factor|second-factor\/(confirmation|off)|links\/redeem|tokens|password)|POST \/pools|GET \/calendar\/\{token\}|GET \/pools\/\{poolId\}\/verify)$/.test(
          route,
        ),
    );
  const tried = new Set(cases.map((c) => c.route));
  assert.deepEqual(
    idTaking.filter((route) => !tried.has(route)),
    [],
  );
  assert.deepEqual(
    WEB_ID_ROUTES.filter((route) => !tried.has(route)),
    [],
  );
});

test('no escalation succeeds and none changes the database', async () => {
  const failures: string[] = [];
  const counts: Record<string, number> = {};
  const statuses: Record<number, number> = {};
  const watch = await watchState(fixture, 25);
  for (const attempt of cases) {
    const response = await send(attempt);
    const text = await response.text();
    const isWeb = attempt.route.startsWith('WEB ');
    // A page refuses with a 4xx, or sends the public to sign in first.
    const toSignIn =
      response.status === 303 && (response.headers.get('location') ?? '').startsWith('/sign-in');
    const refused = isWeb
      ? (response.status >= 400 && response.status < 500) || toSignIn
      : [401, 403, 404].includes(response.status);
    const what = `${attempt.kind}: ${attempt.actor} ${attempt.method} ${attempt.path} ${JSON.stringify(attempt.body ?? attempt.form ?? '')}`;
    if (!refused) failures.push(`${what} → ${response.status} ${text.slice(0, 160)}`);
    if (await watch.changed()) failures.push(`${what} changed the database`);
    const key = `${isWeb ? 'web' : 'api'} ${attempt.kind}`;
    counts[key] = (counts[key] ?? 0) + 1;
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
  assert.deepEqual(failures, []);
  console.log(
    `escalation cases: ${JSON.stringify(counts)}; answers ${JSON.stringify(statuses)}; total ${cases.length}`,
  );
});
