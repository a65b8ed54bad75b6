// Proves the server's defences against a hostile web page and a guessing visitor, in process:
// every state-changing form and API route refuses a post from another origin and changes no
// row; a sign-in ends the session the browser came with; every page and answer carries the
// protective headers (HSTS when served over https) and no page carries inline script; script-
// shaped input comes back escaped; sign-in is rate limited and one account locks for a while
// after repeated wrong passwords.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { OUTSIDE_REQUEST } from '../../src/app/auth/account-writes.ts';
import { createApp } from '../../src/http/app.ts';
import { PASSWORD, TEST_POOL } from '../../src/http/testing.ts';
import { type HostileServer, PAYLOADS, startHostileServer } from './hostile-pool.ts';
import { inlineScriptIn } from './html-scan.ts';

let hostile: HostileServer;
before(async () => {
  hostile = await startHostileServer();
});
after(() => hostile.server.close());

const SELF = 'http://localhost';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PARAMS: Record<string, string> = {
  poolId: TEST_POOL,
  projectId: 'bakery',
  seq: '1',
  tokenId: 'tok',
  personId: 'ada',
  productId: 'rye',
  period: '1',
  token: 'x',
  asset: 'swagger-ui.css',
};

/** Every route of the server with a method, its parameters filled in, once each. */
function routes(methods: (method: string) => boolean) {
  const seen = new Map<string, { method: string; path: string; api: boolean }>();
  for (const { method, path } of hostile.server.app.routes) {
    if (method === 'ALL' || !methods(method)) continue;
    const filled = path.replace(/:(\w+)/g, (_m, name: string) => PARAMS[name] ?? name);
    seen.set(`${method} ${filled}`, { method, path: filled, api: path.startsWith('/api/') });
  }
  return [...seen.values()];
}

const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** A plausible body: the API's JSON, or a form with the fields the web's forms have. */
function bodyOf(api: boolean): { type: string; body: string } {
  return api
    ? {
        type: 'application/json',
        body: JSON.stringify({ period: 1, stage: 'cleared', login: 'member', password: PASSWORD }),
      }
    : {
        type: 'application/x-www-form-urlencoded',
        body: formBody({ period: '1', stage: 'cleared', login: 'member', password: PASSWORD }),
      };
}

describe('cross-site request forgery', () => {
  const attacks: [string, Record<string, string>][] = [
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['an Origin of another port on this host', { origin: 'http://localhost:8081' }],
    ['a browser that marks the request cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['a browser that marks the request same-site', { 'sec-fetch-site': 'same-site' }],
    ['the null Origin of a sandboxed frame', { origin: 'null' }],
  ];

  test('every state-changing route and form refuses a post from another origin, changing nothing', async () => {
    const unsafe = routes((m) => UNSAFE.has(m));
    assert.ok(unsafe.length >= 40, `found ${unsafe.length} state-changing routes`);
    await hostile.server.cookieOf('coordinator'); // signed in before the digest is taken
    const before = await hostile.digest();
    const failures: string[] = [];
    for (const { method, path, api } of unsafe) {
      for (const [attack, headers] of attacks) {
        for (const type of api ? ['application/json', 'text/plain'] : ['form', 'multipart']) {
          const { body } = bodyOf(api);
          const contentType =
            type === 'form'
              ? 'application/x-www-form-urlencoded'
              : type === 'multipart'
                ? 'multipart/form-data; boundary=x'
                : type;
          const answer = await hostile.server.request(path, {
            method,
            role: 'coordinator',
            headers: { ...headers, 'content-type': contentType, 'idempotency-key': 'k' },
            body: type === 'multipart' ? '--x--\r\n' : body,
          });
          if (answer.status !== 403)
            failures.push(`${method} ${path} (${attack}, ${type}): ${answer.status}`);
          await answer.arrayBuffer();
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(await hostile.digest(), before, 'no row changed');
  });

  test('the same post from this site goes through (the refusal above is the origin check)', async () => {
    const before = await hostile.digest();
    const stepped = await hostile.server.request('/pools/p/coordinate/steps', {
      method: 'POST',
      role: 'coordinator',
      headers: {
        origin: SELF,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: formBody({ period: '1', stage: 'cleared', key: 'csrf-control' }),
    });
    assert.equal(stepped.status, 303, await stepped.text());
    assert.notEqual(await hostile.digest(), before);
    // Clients that are no browser (the CLI, scripts) send no Origin and still write.
    const api = await hostile.server.request('/api/v1/pools/p/steps', {
      method: 'POST',
      role: 'coordinator',
      headers: { 'idempotency-key': 'csrf-control-api' },
      body: JSON.stringify({ period: 1, stage: 'running' }),
    });
    assert.equal(api.status, 200, await api.text());
  });
});

describe('sessions', () => {
  const signInForm = (cookie: string) =>
    hostile.server.app.request('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: formBody({ login: 'steward', password: PASSWORD }),
    });
  const me = (cookie: string) =>
    hostile.server.app.request('/api/v1/auth/me', { headers: { cookie } });

  test('signing in by form ends the session the browser came with', async () => {
    const first = (await signInForm('')).headers.get('set-cookie')!.split(';')[0]!;
    assert.equal((await me(first)).status, 200);
    const second = (await signInForm(first)).headers.get('set-cookie')!.split(';')[0]!;
    assert.notEqual(second, first);
    assert.equal((await me(first)).status, 401, 'the old session id is dead');
    assert.equal((await me(second)).status, 200);
  });

  test('signing in through the API ends the session the client came with', async () => {
    const signIn = (cookie: string) =>
      hostile.server.app.request('/api/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ login: 'auditor', password: PASSWORD }),
      });
    const first = (await signIn('')).headers.get('set-cookie')!.split(';')[0]!;
    const second = (await signIn(first)).headers.get('set-cookie')!.split(';')[0]!;
    assert.notEqual(second, first);
    assert.equal((await me(first)).status, 401);
    assert.equal((await me(second)).status, 200);
  });

  test('a session id planted before sign-in is never adopted', async () => {
    const planted = 'pc_session=pcs_planted-by-someone-else';
    const answer = await signInForm(planted);
    const issued = answer.headers.getSetCookie().find((c) => /^pc_session=pcs_/.test(c))!;
    assert.match(issued, /HttpOnly/i);
    assert.match(issued, /SameSite=Lax/i);
    assert.notEqual(issued.split(';')[0], planted);
    assert.equal((await me(planted)).status, 401);
  });
});

describe('what every page and answer carries', () => {
  const ROLES = ['public', 'member', 'maintainer', 'steward', 'auditor', 'coordinator'] as const;
  const RAW = [PAYLOADS.img, PAYLOADS.svg, '<script>alert', '<svg onload'];

  const protectiveHeaders = (answer: Response, where: string) => {
    const csp = answer.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/, `${where}: frame-ancestors`);
    assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline/, `${where}: script policy`);
    assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', where);
    assert.equal(answer.headers.get('referrer-policy'), 'same-origin', where);
    assert.equal(answer.headers.get('x-frame-options'), 'DENY', where);
  };

  test('every page for every role: the headers, no inline script, user text escaped', async () => {
    const pages = routes((m) => m === 'GET').filter(({ api }) => !api);
    assert.ok(pages.length >= 25, `found ${pages.length} pages`);
    const problems: string[] = [];
    const shown = { place: 0, level: 0, login: 0 };
    for (const role of ROLES) {
      for (const { path } of [...pages, { path: '/no/such/page' }]) {
        const answer = await hostile.server.request(path, { role });
        const where = `${role} ${path} (${answer.status})`;
        assert.ok(answer.status < 500, where);
        protectiveHeaders(answer, where);
        if (!(answer.headers.get('content-type') ?? '').includes('text/html')) continue;
        const html = await answer.text();
        problems.push(...inlineScriptIn(html).map((p) => `${where}: ${p}`));
        problems.push(...RAW.filter((raw) => html.includes(raw)).map((r) => `${where}: raw ${r}`));
        if (html.includes('&lt;img src=x onerror=alert(1)&gt;')) shown.place += 1;
        if (html.includes('&quot;&gt;&lt;svg onload=alert(2)&gt;')) shown.level += 1;
        if (html.includes('&lt;script&gt;alert(3)&lt;/script&gt;javascript:')) shown.login += 1;
      }
    }
    assert.deepEqual(problems, []);
    // The crawl saw the hostile texts (escaped) where people read them.
    assert.ok(shown.place >= 4 && shown.level >= 2 && shown.login >= 1, JSON.stringify(shown));
  });

  test('every API answer and document carries the headers; none is framed or sniffed', async () => {
    const reads = routes((m) => m === 'GET').filter(({ api, path }) => api || path === '/healthz');
    for (const { path } of [...reads, { path: '/api/v1/no/such' }]) {
      const answer = await hostile.server.request(path, { role: 'coordinator' });
      protectiveHeaders(answer, `${path} (${answer.status})`);
      if (path !== '/api/docs' && !path.startsWith('/api/docs/')) {
        assert.match(answer.headers.get('content-security-policy')!, /default-src 'none'/, path);
      }
      await answer.arrayBuffer();
    }
  });

  test('answers to a signed-in reader are not kept in any cache; public assets are', async () => {
    for (const path of ['/', '/pools/p/market', '/api/v1/auth/me', '/api/v1/pools/p/journal']) {
      const answer = await hostile.server.request(path, { role: 'member' });
      assert.equal(answer.headers.get('cache-control'), 'no-store', path);
      await answer.arrayBuffer();
    }
    const asset = routes((m) => m === 'GET').find(({ path }) => path.startsWith('/assets/'))!;
    const css = await hostile.server.request(asset.path, { role: 'member' });
    assert.match(css.headers.get('cache-control') ?? '', /immutable/);
  });

  test('HSTS is sent over TLS (directly or behind a proxy saying https), never over plain http', async () => {
    const plain = await hostile.server.request('/');
    assert.equal(plain.headers.get('strict-transport-security'), null);
    for (const headers of [{ 'x-forwarded-proto': 'https' }, {}] as Record<string, string>[]) {
      const url = Object.keys(headers).length === 0 ? 'https://localhost/api/v1/pools' : '/';
      const answer = await hostile.server.app.request(url, { headers });
      assert.match(
        answer.headers.get('strict-transport-security') ?? '',
        /^max-age=31536000; includeSubDomains$/,
        url,
      );
    }
    // Behind that proxy a form of this site still posts: the browser's origin is https.
    const proxied = await hostile.server.request('/sign-out', {
      method: 'POST',
      headers: { 'x-forwarded-proto': 'https', origin: 'https://localhost' },
    });
    assert.equal(proxied.status, 303);
  });

  test('script-shaped input posted to every form comes back escaped', async () => {
    const forms = routes((m) => m === 'POST').filter(({ api }) => !api);
    const payload = `${PAYLOADS.img}${PAYLOADS.svg}${PAYLOADS.script}`;
    const fields = [
      'login',
      'newLogin',
      'resetLogin',
      'personId',
      'subject',
      'role',
      'setting',
    ].concat(['value', 'weight', 'units', 'minutes', 'text', 'place', 'id', 'instanceId', 'next']);
    const body = formBody(Object.fromEntries(fields.map((f) => [f, payload])));
    const problems: string[] = [];
    for (const { path } of forms.filter(({ path }) => path !== '/sign-out')) {
      const answer = await hostile.server.request(path, {
        method: 'POST',
        role: 'coordinator',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      const html = await answer.text();
      if (answer.status >= 500) problems.push(`${path}: ${answer.status}`);
      problems.push(...inlineScriptIn(html).map((p) => `${path}: ${p}`));
      problems.push(...RAW.filter((raw) => html.includes(raw)).map((r) => `${path}: raw ${r}`));
    }
    assert.deepEqual(problems, []);
  });
});

describe('guessing passwords', () => {
  const MINUTE = 60_000;
  const tryForm = async (login: string, password: string) => {
    const answer = await hostile.server.app.request('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody({ login, password }),
    });
    return { status: answer.status, html: await answer.text() };
  };
  const tryApi = async (login: string, password: string) => {
    const answer = await hostile.server.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    return { status: answer.status, code: ((await answer.json()) as { code?: string }).code };
  };
  /** A fresh rate-limit window: the lock outlives it, the address's count does not. */
  const nextMinute = () => {
    hostile.server.clock.now += MINUTE + 1;
  };

  test('five wrong passwords lock one login for 15 minutes, even against the right one', async () => {
    nextMinute();
    for (let i = 0; i < 5; i += 1) assert.equal((await tryForm('maintainer', 'wrong')).status, 401);
    const locked = await tryForm('maintainer', PASSWORD);
    assert.equal(locked.status, 429);
    assert.match(locked.html, /locked for 15 minutes/);
    assert.deepEqual(await tryApi('maintainer', PASSWORD), { status: 429, code: 'auth.locked' });
    assert.equal((await tryForm('auditor', PASSWORD)).status, 303, 'other logins are not locked');
    hostile.server.clock.now += 14 * MINUTE;
    assert.equal((await tryApi('maintainer', PASSWORD)).status, 429, 'still locked at 14 min');
    hostile.server.clock.now += MINUTE;
    // Tries while locked did not extend the lock, and the count starts afresh after it.
    assert.equal((await tryForm('maintainer', 'wrong')).status, 401);
    assert.equal((await tryForm('maintainer', PASSWORD)).status, 303);
  });

  test('a login that does not exist locks alike, so a lock tells nothing about accounts', async () => {
    nextMinute();
    for (let i = 0; i < 5; i += 1) assert.equal((await tryApi('nobody-here', 'x')).status, 401);
    assert.deepEqual(await tryApi('nobody-here', 'x'), { status: 429, code: 'auth.locked' });
  });

  test('a password set through a reset link ends the lock at once', async () => {
    nextMinute();
    for (let i = 0; i < 5; i += 1) await tryApi('confirmer', 'wrong');
    assert.equal((await tryApi('confirmer', PASSWORD)).status, 429);
    const { auth } = hostile.server.deps;
    const link = await auth.resetLink(hostile.server.accountIds.confirmer, 'test');
    assert.ok(link.ok);
    assert.ok(
      (await auth.redeemLink(link.value.token, 'a brand new password', OUTSIDE_REQUEST)).ok,
    );
    assert.equal((await tryApi('confirmer', 'a brand new password')).status, 200);
  });

  test('the form checks the password as typed: a longer one is not cut to a shorter one', async () => {
    nextMinute();
    const long = `${PASSWORD}${'x'.repeat(256)}`;
    const { auth } = hostile.server.deps;
    const account = await auth.createAccount('long-password', long.slice(0, 256));
    assert.ok(account.ok);
    assert.equal((await tryForm('long-password', long)).status, 401);
    assert.equal((await tryForm('long-password', long.slice(0, 256))).status, 303);
  });

  test('one address gets ten sign-in tries a minute, on the form and the API together', async () => {
    nextMinute();
    for (let i = 0; i < 5; i += 1) assert.equal((await tryForm(`guess-${i}`, 'x')).status, 401);
    for (let i = 5; i < 10; i += 1) assert.equal((await tryApi(`guess-${i}`, 'x')).status, 401);
    const refused = await tryForm('guess-10', 'x');
    assert.equal(refused.status, 429);
    assert.match(refused.html, /Too many attempts/);
    assert.equal((await tryApi('member', PASSWORD)).status, 429);
  });
});

describe('the request log', () => {
  test('names the account of each request and keeps secrets out: no calendar feed token', async () => {
    const lines: { path: string; account: string | null; status: number }[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const app = createApp({ ...hostile.server.deps, logger });
    const cookie = await hostile.server.cookieOf('auditor');
    await (await app.request('/api/v1/auth/me', { headers: { cookie } })).arrayBuffer();
    await (await app.request('/api/v1/calendar/pcf_secret-of-a-feed')).arrayBuffer();
    assert.deepEqual(
      lines.map(({ path, account, status }) => ({ path, account, status })),
      [
        { path: '/api/v1/auth/me', account: hostile.server.accountIds.auditor, status: 200 },
        { path: '/api/v1/calendar/…', account: null, status: 400 },
      ],
    );
  });

  test("each line carries the request's id, the one its answer names; a 500 names it too", async () => {
    const lines: { requestId?: string; msg: string }[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const failing = async (): Promise<boolean> => {
      throw new Error('the database went away');
    };
    const app = createApp({ ...hostile.server.deps, logger, ready: failing });
    const cookie = await hostile.server.cookieOf('auditor');
    const answer = await app.request('/api/v1/auth/me', { headers: { cookie } });
    await answer.arrayBuffer();
    const broken = await app.request('/healthz');
    assert.equal(broken.status, 500);
    const id = answer.headers.get('x-request-id');
    // The 500 problem names the request id in its detail (it says no more).
    const brokenId = ((await broken.json()) as { detail: string }).detail.match(
      /request id (\S+)$/,
    )?.[1];
    assert.ok(id && brokenId && id !== brokenId);
    // …and carries it as a header, as every other answer does.
    assert.equal(broken.headers.get('x-request-id'), brokenId);
    assert.deepEqual(
      lines.map(({ requestId, msg }) => ({ requestId, msg })),
      [
        { requestId: id, msg: 'request' },
        { requestId: brokenId, msg: 'unexpected error' },
        { requestId: brokenId, msg: 'request' },
      ],
    );
  });

  test('a refused request is logged with the account that asked and its 401 or 403', async () => {
    const lines: { path: string; account: string | null; status: number }[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const app = createApp({ ...hostile.server.deps, logger });
    const cookie = await hostile.server.cookieOf('member');
    const events = `/api/v1/pools/${TEST_POOL}/security-events`;
    assert.equal((await app.request(events, { headers: { cookie } })).status, 403);
    assert.equal((await app.request('/api/v1/auth/me')).status, 401);
    assert.deepEqual(
      lines.map(({ path, account, status }) => ({ path, account, status })),
      [
        { path: events, account: hostile.server.accountIds.member, status: 403 },
        { path: '/api/v1/auth/me', account: null, status: 401 },
      ],
    );
  });
});
