// Proves every route over in-process requests: its success, its refusals with their stable
// codes as problem+json, and that every answer matches the OpenAPI document.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { refused, testClient } from './test-client.ts';
import { startTestServer, type TestServer } from './testing.ts';

let server: TestServer;
let client: Awaited<ReturnType<typeof testClient>>;
const P = { poolId: 'p' };

before(async () => {
  server = await startTestServer();
  client = await testClient(server);
});
after(() => server.close());

test('health, the document and its reference page answer without an account', async () => {
  assert.equal((await server.request('/healthz')).status, 200);
  const page = await server.request('/api/docs');
  assert.match(await page.text(), /src="\/api\/docs\/swagger-ui-bundle.js"/);
  const bundle = await server.request('/api/docs/swagger-ui-bundle.js');
  assert.equal(bundle.status, 200);
  assert.ok((await bundle.text()).length > 100_000);
  assert.equal((await server.request('/api/docs/swagger-ui.css')).status, 200);
  assert.equal((await server.request('/api/docs/../../package.json')).status, 404);
  assert.equal((await server.request('/api/docs/other.js')).status, 404);
  const missing = await server.request('/api/v1/nothing-here');
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { code: string }).code, 'http.not_found');
});

test('the app matches its routes with RegExpRouter, not the slower TrieRouter', async () => {
  // Hono's SmartRouter takes the first router that accepts every route; a single path that
  // RegExpRouter cannot take (a parameter beside a static sibling) makes it fall back to the
  // TrieRouter for every request of the app (docs/BENCHMARKS.md, the HTTP server).
  assert.equal((await server.request('/healthz')).status, 200);
  const router = server.app.router as unknown as { activeRouter: { name: string } };
  assert.equal(router.activeRouter.name, 'RegExpRouter');
});

test('accounts: sign in, me, tokens, sign out', async () => {
  const wrong = await client.call('public', 'POST', '/auth/sign-in', {
    body: { login: 'member', password: 'wrong password' },
  });
  refused(wrong, 401, 'auth.invalid_credentials');
  refused(
    await client.call('public', 'POST', '/auth/sign-in', { body: { login: 'member' } }),
    400,
    'http.invalid_request',
  );
  const signedIn = await server.request('/api/v1/auth/sign-in', {
    method: 'POST',
    body: JSON.stringify({ login: 'auditor', password: 'correct horse battery' }),
  });
  const cookie = signedIn.headers.get('set-cookie') ?? '';
  assert.match(cookie, /^pc_session=pcs_[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
  const me = await client.call('member', 'GET', '/auth/me');
  assert.equal(me.body.login, 'member');
  assert.deepEqual(me.body.roles, [{ poolId: 'p', role: 'member', subject: 'ada' }]);
  refused(await client.call('public', 'GET', '/auth/me'), 401, 'auth.unauthenticated');

  const created = await client.call('member', 'POST', '/auth/tokens', {
    body: { name: 'cli', scope: 'read', ttlDays: 30 },
  });
  assert.equal(created.status, 201);
  const listed = await client.call('member', 'GET', '/auth/tokens');
  assert.deepEqual(
    listed.body.items.map((t: { name: string }) => t.name),
    ['cli'],
  );
  // The token reads but does not write, and does not mint tokens.
  const bearer = { authorization: `Bearer ${created.body.token}` };
  assert.equal((await client.call('public', 'GET', '/auth/me', { headers: bearer })).status, 200);
  const step = await client.call('public', 'POST', '/pools/{poolId}/steps', {
    params: P,
    headers: bearer,
    body: { period: 1, stage: 'planning' },
  });
  refused(step, 403, 'auth.read_only_token');
  refused(
    await client.call('public', 'POST', '/auth/tokens', {
      headers: bearer,
      body: { name: 'x', scope: 'write', ttlDays: 1 },
    }),
    403,
    'auth.forbidden',
  );
  refused(
    await client.call('public', 'GET', '/auth/me', {
      headers: { authorization: 'Bearer pct_forged' },
    }),
    401,
    'auth.unauthenticated',
  );
  const revoked = await client.call('member', 'DELETE', '/auth/tokens/{tokenId}', {
    params: { tokenId: created.body.tokenId },
  });
  assert.equal(revoked.status, 200);
  refused(
    await client.call('public', 'GET', '/auth/me', { headers: bearer }),
    401,
    'auth.unauthenticated',
  );
  refused(
    await client.call('member', 'DELETE', '/auth/tokens/{tokenId}', {
      params: { tokenId: 'tok_none' },
    }),
    404,
    'auth.unknown_token',
  );

  const out = await server.request('/api/v1/auth/sign-out', {
    method: 'POST',
    headers: { cookie: cookie.split(';')[0]! },
  });
  assert.equal(out.status, 204);
  const after = await server.request('/api/v1/auth/me', {
    headers: { cookie: cookie.split(';')[0]! },
  });
  assert.equal(after.status, 401);
});

test('sign-in is rate limited per client', async () => {
  const limited = await startTestServer({ signInLimit: { limit: 2, windowMs: 60_000 } });
  const limitedClient = await testClient(limited);
  const attempt = () =>
    limitedClient.call('public', 'POST', '/auth/sign-in', {
      body: { login: 'member', password: 'wrong password' },
    });
  refused(await attempt(), 401, 'auth.invalid_credentials');
  refused(await attempt(), 401, 'auth.invalid_credentials');
  const third = await attempt();
  refused(third, 429, 'http.rate_limited');
  assert.equal(third.headers.get('retry-after'), '60');
  limited.clock.now += 60_000;
  refused(await attempt(), 401, 'auth.invalid_credentials');
  await limited.close();
});

test('invitations and reset links: one-time links a coordinator hands out', async () => {
  const invited = await client.call('coordinator', 'POST', '/pools/{poolId}/invitations', {
    params: P,
    body: { login: 'ada2', personId: 'ada' },
  });
  assert.equal(invited.status, 201);
  refused(
    await client.call('coordinator', 'POST', '/pools/{poolId}/invitations', {
      params: P,
      body: { login: 'ada2', personId: 'ada' },
    }),
    409,
    'auth.login_taken',
  );
  refused(
    await client.call('coordinator', 'POST', '/pools/{poolId}/invitations', {
      params: P,
      body: { login: 'x', personId: 'zed' },
    }),
    422,
    'economy.invalid_input',
  );
  refused(
    await client.call('coordinator', 'POST', '/pools/{poolId}/invitations', {
      params: { poolId: 'none' },
      body: { login: 'y', personId: 'ada' },
    }),
    403,
    'auth.forbidden',
  );
  const redeem = (token: string, password = 'a new long password') =>
    client.call('public', 'POST', '/auth/links/redeem', { body: { token, password } });
  refused(await redeem(invited.body.token, 'short'), 422, 'auth.weak_password');
  assert.equal((await redeem(invited.body.token)).status, 200);
  refused(await redeem(invited.body.token), 410, 'auth.link_invalid');
  const signedIn = await client.call('public', 'POST', '/auth/sign-in', {
    body: { login: 'ada2', password: 'a new long password' },
  });
  assert.equal(signedIn.status, 200);

  const reset = await client.call('coordinator', 'POST', '/pools/{poolId}/reset-links', {
    params: P,
    body: { accountId: invited.body.accountId },
  });
  assert.equal(reset.status, 201);
  refused(
    await client.call('coordinator', 'POST', '/pools/{poolId}/reset-links', {
      params: P,
      body: { accountId: 'acc_none' },
    }),
    404,
    'auth.unknown_account',
  );
  const week = 8 * 86_400_000;
  server.clock.now += week;
  refused(await redeem(reset.body.token), 410, 'auth.link_invalid');
  server.clock.now -= week;
});

test('roles: granted, taken back and listed; every change is in the audit log', async () => {
  const change = { accountId: server.accountIds.outsider, role: 'auditor', subject: '' };
  const granted = await client.call('coordinator', 'PUT', '/pools/{poolId}/roles', {
    params: P,
    body: change,
  });
  assert.deepEqual([granted.status, granted.body.changed], [200, true]);
  const roles = await client.call('outsider', 'GET', '/pools/{poolId}/roles', { params: P });
  assert.ok(
    roles.body.items.some(
      (r: { accountId: string; role: string }) =>
        r.accountId === server.accountIds.outsider && r.role === 'auditor',
    ),
  );
  const taken = await client.call('coordinator', 'DELETE', '/pools/{poolId}/roles', {
    params: P,
    body: change,
  });
  assert.deepEqual([taken.status, taken.body.changed], [200, true]);
  refused(
    await client.call('coordinator', 'PUT', '/pools/{poolId}/roles', {
      params: P,
      body: { ...change, accountId: 'acc_none' },
    }),
    404,
    'auth.unknown_account',
  );
  refused(
    await client.call('coordinator', 'PUT', '/pools/{poolId}/roles', {
      params: P,
      body: { ...change, role: 'steward', subject: 'nowhere' },
    }),
    422,
    'economy.invalid_input',
  );
  const own = { accountId: server.accountIds.coordinator, role: 'coordinator', subject: '' };
  refused(
    await client.call('coordinator', 'DELETE', '/pools/{poolId}/roles', { params: P, body: own }),
    403,
    'auth.forbidden',
  );
  refused(
    await client.call('coordinator', 'PUT', '/pools/{poolId}/roles', {
      params: P,
      body: { ...change, role: 'king' },
    }),
    400,
    'http.invalid_request',
  );
  const audit = await client.call('member', 'GET', '/pools/{poolId}/audit', {
    params: P,
    query: '?limit=500',
  });
  const actions = audit.body.items.map(
    (e: { action: string; detail: { role?: string } }) => `${e.action}:${e.detail.role ?? ''}`,
  );
  assert.ok(
    actions.includes('role.granted:auditor') && actions.includes('role.revoked:auditor'),
    actions.join(),
  );
});

test('pools: create, list, status, visibility; the public reads open books only', async () => {
  const body = {
    settings: { name: 'second', pool: { id: 'q' } },
    founding: [{ kind: 'persons', period: 0, record: { id: 'zoe' } }],
  };
  const created = await client.call('outsider', 'POST', '/pools', { body, key: 'create-q' });
  assert.equal(created.status, 201);
  refused(
    await client.call('outsider', 'POST', '/pools', { body, key: 'create-q-again' }),
    409,
    'economy.pool_exists',
  );
  const invalid = {
    settings: { name: 'third', pool: { id: 'r' } },
    founding: [{ kind: 'persons', period: 0, record: { id: 7 } }],
  };
  refused(
    await client.call('outsider', 'POST', '/pools', { body: invalid }),
    422,
    'economy.invalid_input',
  );
  refused(
    await client.call('outsider', 'POST', '/pools', { body, key: null }),
    400,
    'http.idempotency_key_missing',
  );
  // The public lists the pools whose books are open (none yet); an account its own pools too.
  assert.deepEqual((await client.call('public', 'GET', '/pools')).body.items, []);
  assert.deepEqual((await client.call('outsider', 'GET', '/pools')).body.items, ['q']);
  assert.deepEqual((await client.call('member', 'GET', '/pools')).body.items, ['p']);
  // The creator coordinates the new pool.
  const status = await client.call('outsider', 'GET', '/pools/{poolId}', {
    params: { poolId: 'q' },
  });
  assert.deepEqual(
    [status.status, status.body.cycle, status.body.publicBooks],
    [200, { period: 0, stage: null }, false],
  );
  refused(
    await client.call('public', 'GET', '/pools/{poolId}/journal', { params: { poolId: 'q' } }),
    401,
    'auth.unauthenticated',
  );
  const opened = await client.call('outsider', 'PUT', '/pools/{poolId}/visibility', {
    params: { poolId: 'q' },
    body: { publicBooks: true },
  });
  assert.equal(opened.status, 200);
  assert.deepEqual((await client.call('public', 'GET', '/pools')).body.items, ['q']);
  assert.deepEqual((await client.call('member', 'GET', '/pools')).body.items, ['p', 'q']);
  assert.equal(
    (await client.call('public', 'GET', '/pools/{poolId}/journal', { params: { poolId: 'q' } }))
      .status,
    200,
  );
  assert.equal(
    (await client.call('public', 'GET', '/pools/{poolId}', { params: { poolId: 'q' } })).status,
    200,
  );
  refused(
    await client.call('member', 'GET', '/pools/{poolId}', { params: { poolId: 'none' } }),
    403,
    'auth.forbidden',
  );
  refused(
    await client.call('public', 'GET', '/pools/{poolId}/verify', { params: { poolId: 'none' } }),
    404,
    'economy.unknown_pool',
  );
});

test('a period through the routes: tasks, bids, clearing, work, confirmation, close, books', async () => {
  const step = (stage: string, period = 1) =>
    client.call('coordinator', 'POST', '/pools/{poolId}/steps', {
      params: P,
      body: { period, stage },
    });
  refused(await step('bidding'), 409, 'cycle.out_of_order');
  assert.equal((await step('planning')).body.alreadyDone, false);
  assert.equal((await step('planning')).body.alreadyDone, true);
  refused(
    await client.call('coordinator', 'POST', '/pools/{poolId}/steps', {
      params: P,
      body: { period: 1, stage: 'sleeping' },
    }),
    400,
    'http.invalid_request',
  );
  const task = {
    id: 'loaves',
    templateId: 'loaves',
    projectId: 'bakery',
    slots: 2,
    minutesPerSlot: 60,
  };
  const tasks = await client.call('maintainer', 'POST', '/pools/{poolId}/inputs', {
    params: P,
    body: { inputs: [{ kind: 'tasks', period: 1, record: task }] },
  });
  assert.equal(tasks.status, 201);
  refused(
    await client.call('maintainer', 'POST', '/pools/{poolId}/inputs', {
      params: P,
      body: { inputs: [{ kind: 'tasks', period: 2, record: task }] },
    }),
    409,
    'economy.wrong_period',
  );
  refused(
    await client.call('coordinator', 'POST', '/pools/{poolId}/inputs', {
      params: P,
      body: { inputs: [{ kind: 'dreams', period: 1, record: {} }] },
    }),
    422,
    'economy.unknown_kind',
  );
  refused(
    await client.call('member', 'POST', '/pools/{poolId}/bids', {
      params: P,
      body: { personId: 'ada', instanceId: 'loaves', weightMilli: 1000 },
    }),
    409,
    'economy.wrong_stage',
  );
  await step('bidding');
  const bid = await client.call('member', 'POST', '/pools/{poolId}/bids', {
    params: P,
    body: { personId: 'ada', instanceId: 'loaves', weightMilli: 1000 },
  });
  assert.equal(bid.status, 201);
  // Changing a bid: withdraw it and bid again …
  const withdrawn = await client.call('member', 'DELETE', '/pools/{poolId}/inputs/{seq}', {
    params: { ...P, seq: bid.body.firstSeq },
  });
  assert.deepEqual(withdrawn.body, { withdrawn: bid.body.firstSeq });
  refused(
    await client.call('member', 'DELETE', '/pools/{poolId}/inputs/{seq}', {
      params: { ...P, seq: 9999 },
    }),
    404,
    'economy.unknown_input',
  );
  const placed = await client.call('member', 'POST', '/pools/{poolId}/bids', {
    params: P,
    body: { personId: 'ada', instanceId: 'loaves', weightMilli: 1100 },
  });
  assert.equal(placed.status, 201);
  // Or in one write: a refused replacement leaves the old bid; an accepted one takes its place.
  const adaBids = async () => {
    const inputs = await server.deps.economy.periodInputs('p', 1);
    assert.ok(inputs.ok);
    return inputs.value.filter((i) => i.kind === 'bids').map((i) => i.record);
  };
  const bidOf = (instanceId: string) => ({
    inputs: [
      { kind: 'bids', period: 1, record: { personId: 'ada', instanceId, weightMilli: 1200 } },
    ],
  });
  const replace = { ...P, seq: placed.body.firstSeq };
  refused(
    await client.call('member', 'PUT', '/pools/{poolId}/inputs/{seq}', {
      params: replace,
      body: bidOf('nothing'),
    }),
    422,
    'scenario.unknown_reference',
  );
  assert.deepEqual(await adaBids(), [
    { personId: 'ada', instanceId: 'loaves', weightMilli: 1100, round: 0 },
  ]);
  const replaced = await client.call('member', 'PUT', '/pools/{poolId}/inputs/{seq}', {
    params: replace,
    body: bidOf('loaves'),
  });
  assert.equal(replaced.status, 200);
  assert.deepEqual(replaced.body.replaced, [placed.body.firstSeq]);
  assert.deepEqual(await adaBids(), [
    { personId: 'ada', instanceId: 'loaves', weightMilli: 1200, round: 0 },
  ]);
  refused(
    await client.call('member', 'POST', '/pools/{poolId}/bids', {
      params: P,
      body: { personId: 'ada', instanceId: 'nothing', weightMilli: 1200 },
    }),
    422,
    'scenario.unknown_reference',
  );
  // Office mode: the coordinator bids for dan, and the audit log says so.
  assert.equal(
    (
      await client.call('coordinator', 'POST', '/pools/{poolId}/bids', {
        params: P,
        body: { personId: 'dan', instanceId: 'loaves', weightMilli: 1500 },
      })
    ).status,
    201,
  );
  await step('cleared');
  const clearing = await client.call('member', 'GET', '/pools/{poolId}/periods/{period}/clearing', {
    params: { ...P, period: 1 },
  });
  assert.notEqual(clearing.body.value, null);
  await step('running');
  const work = await client.call('member', 'POST', '/pools/{poolId}/work', {
    params: P,
    body: { id: 'w1', personId: 'ada', instanceId: 'loaves', minutes: 60 },
  });
  assert.equal(work.status, 201);
  const seq = { ...P, seq: work.body.firstSeq };
  refused(
    await client.call('member', 'POST', '/pools/{poolId}/inputs/{seq}/confirmation', {
      params: seq,
      body: { confirmedBy: 'ada' },
    }),
    403,
    'auth.forbidden',
  );
  const confirmed = await client.call(
    'confirmer',
    'POST',
    '/pools/{poolId}/inputs/{seq}/confirmation',
    { params: seq, body: { confirmedBy: 'cy' } },
  );
  assert.equal(confirmed.status, 201, JSON.stringify(confirmed.body));
  const dansWork = await client.call('steward', 'POST', '/pools/{poolId}/work', {
    params: P,
    body: { id: 'w2', personId: 'dan', instanceId: 'loaves', minutes: 60 },
  });
  const byMaintainer = await client.call(
    'maintainer',
    'POST',
    '/pools/{poolId}/inputs/{seq}/confirmation',
    { params: { ...P, seq: dansWork.body.firstSeq }, body: { confirmedBy: 'bo' } },
  );
  assert.equal(byMaintainer.status, 201);
  refused(
    await client.call('confirmer', 'POST', '/pools/{poolId}/inputs/{seq}/confirmation', {
      params: { ...P, seq: 0 },
      body: { confirmedBy: 'cy' },
    }),
    404,
    'economy.unknown_input',
  );
  // The bakery has not declared where its credited work went: the period does not settle
  // until its maintainer does.
  refused(await step('settling'), 409, 'economy.run_stopped');
  const declared = {
    kind: 'workInProgress',
    period: 1,
    record: { projectId: 'bakery', changeEffortMilli: 3000 },
  };
  assert.equal(
    (
      await client.call('maintainer', 'POST', '/pools/{poolId}/inputs', {
        params: P,
        body: { inputs: [declared] },
      })
    ).status,
    201,
  );
  const settling = await step('settling');
  assert.equal(settling.body.stage, 'settling', JSON.stringify(settling.body));
  const closed = await step('closed');
  assert.equal(closed.body.stage, 'closed', JSON.stringify(closed.body));
  const report = await client.call('auditor', 'GET', '/pools/{poolId}/periods/{period}/report', {
    params: { ...P, period: 1 },
  });
  assert.notEqual(report.body.value, null);
  // The report holds each person's takings (MODEL.md M17): ada reads herself named and every
  // other person as "*", the auditor reads everyone; nothing else differs.
  const reportText = JSON.stringify(report.body.value);
  assert.match(reportText, /"p\.person\.dan"/);
  const adasReport = await client.call('member', 'GET', '/pools/{poolId}/periods/{period}/report', {
    params: { ...P, period: 1 },
  });
  const adasText = JSON.stringify(adasReport.body.value);
  assert.match(adasText, /"p\.person\.ada"/);
  assert.doesNotMatch(adasText, /dan/);
  const others = /"(bo|cy|dan|eve|fay)"|"p\.person\.(bo|cy|dan|eve|fay)"/g;
  assert.equal(
    adasText,
    reportText.replace(others, (match) => (match.includes('.') ? '"p.person.*"' : '"*"')),
  );

  const journal = await client.call('member', 'GET', '/pools/{poolId}/journal', {
    params: P,
    query: '?limit=1',
  });
  assert.equal(journal.body.items.length, 1);
  const next = await client.call('member', 'GET', '/pools/{poolId}/journal', {
    params: P,
    query: `?limit=500&after=${journal.body.nextCursor}`,
  });
  assert.equal(next.body.items[0].index, journal.body.items[0].index + 1);
  assert.equal(next.body.nextCursor, null);
  // Ada reads her own account named and every other person's as "a person" (MODEL.md M17);
  // the auditor reads every account.
  type Line = { transferId: string; debitAccountId: string; creditAccountId: string };
  const accountsIn = (lines: Line[]) =>
    [...new Set(lines.flatMap((l) => [l.debitAccountId, l.creditAccountId]))]
      .filter((id) => id.startsWith('p.person.'))
      .sort();
  const asAda: Line[] = [...journal.body.items, ...next.body.items];
  const asAuditor: Line[] = (
    await client.call('auditor', 'GET', '/pools/{poolId}/journal', {
      params: P,
      query: '?limit=500',
    })
  ).body.items;
  assert.deepEqual(accountsIn(asAuditor), ['p.person.ada', 'p.person.dan']);
  assert.deepEqual(accountsIn(asAda), ['p.person.*', 'p.person.ada']);
  for (const [i, line] of asAda.entries()) {
    const hidden = [line.debitAccountId, line.creditAccountId].includes('p.person.*');
    assert.equal(line.transferId, hidden ? '*' : asAuditor[i]!.transferId);
  }
  // The transfers export is the journal too, hidden the same way.
  const transfersCsv = async (role: 'member' | 'auditor') =>
    (await server.request('/api/v1/pools/p/exports/csv-transfers', { role })).text();
  const adasCsv = await transfersCsv('member');
  assert.match(adasCsv, /p\.person\.\*/);
  assert.doesNotMatch(adasCsv, /dan/);
  assert.match(await transfersCsv('auditor'), /p\.person\.dan/);
  refused(
    await client.call('member', 'GET', '/pools/{poolId}/journal', {
      params: P,
      query: '?limit=501',
    }),
    400,
    'http.invalid_request',
  );

  const statement = await client.call(
    'member',
    'GET',
    '/pools/{poolId}/persons/{personId}/statement',
    { params: { ...P, personId: 'ada' } },
  );
  // 60 minutes at the cleared weight 1.500 = 1 500 milli-weighted-hours credited for the work.
  assert.ok(
    statement.body.items.some((line: { amount: number }) => line.amount === 1500),
    JSON.stringify(statement.body.items),
  );
  assert.equal(statement.body.balance, statement.body.creditsPosted - statement.body.debitsPosted);
  refused(
    await client.call('member', 'GET', '/pools/{poolId}/persons/{personId}/statement', {
      params: { ...P, personId: 'dan' },
    }),
    403,
    'auth.forbidden',
  );
  refused(
    await client.call('auditor', 'GET', '/pools/{poolId}/persons/{personId}/statement', {
      params: { ...P, personId: 'zed' },
    }),
    404,
    'http.not_found',
  );

  const verified = await client.call('public', 'GET', '/pools/{poolId}/verify', { params: P });
  assert.equal(verified.body.journalEntries, journal.body.items.length + next.body.items.length);
  assert.equal(verified.body.problem, undefined);

  const audit = await client.call('member', 'GET', '/pools/{poolId}/audit', {
    params: P,
    query: '?limit=500',
  });
  const office = audit.body.items.filter(
    (e: { onBehalfOf: string | null }) => e.onBehalfOf === 'dan',
  );
  assert.equal(office.length, 1);
  const steps = audit.body.items.filter((e: { action: string }) => e.action === 'period.step');
  assert.deepEqual(
    steps.map((e: { detail: { stage: string } }) => e.detail.stage),
    ['planning', 'bidding', 'cleared', 'running', 'settling', 'closed'],
  );
});

test('reads carry an ETag and answer 304 to a client that holds it', async () => {
  const first = await server.request('/api/v1/pools/p', { role: 'member' });
  const etag = first.headers.get('etag');
  assert.match(etag ?? '', /^"[0-9a-f]{32}"$/);
  const again = await server.request('/api/v1/pools/p', {
    role: 'member',
    headers: { 'if-none-match': etag! },
  });
  assert.equal(again.status, 304);
});

test('bad input is never a 500: malformed JSON, a body too large, writes over the limit', async () => {
  const small = await startTestServer({
    bodyLimitBytes: 100,
    writeLimit: { limit: 1, windowMs: 60_000 },
  });
  const headers = { 'idempotency-key': 'k', 'content-type': 'application/json' };
  // With a Content-Length (as over HTTP/1.1) the limit reads the length; without one (a
  // streamed body) it counts the bytes.
  const malformed = await small.request('/api/v1/pools/p/bids', {
    role: 'member',
    method: 'POST',
    headers: { ...headers, 'content-length': '13' },
    body: '{"personId": ',
  });
  assert.equal(malformed.status, 400);
  assert.equal(((await malformed.json()) as { code: string }).code, 'http.invalid_request');
  const tooLarge = JSON.stringify({ inputs: [{ kind: 'x'.repeat(200) }] });
  for (const length of [String(tooLarge.length), undefined]) {
    const large = await small.request('/api/v1/pools/p/inputs', {
      role: 'member',
      method: 'POST',
      headers: length === undefined ? headers : { ...headers, 'content-length': length },
      body: tooLarge,
    });
    assert.equal(large.status, 413, `content-length ${length}`);
    assert.equal(((await large.json()) as { code: string }).code, 'http.body_too_large');
  }
  const third = await small.request('/api/v1/pools/p/bids', {
    role: 'member',
    method: 'POST',
    headers,
    body: '{}',
  });
  assert.equal(third.status, 429);
  await small.close();
});
