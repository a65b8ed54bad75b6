// Proves the session cookie's name: a server that marks it Secure sets and reads it as
// __Host-pc_session (Path=/, no Domain), for the API and the web pages, clears it by that name
// at sign-out, and does not take the plain name; a plain server sets and reads pc_session
// without Secure, since a browser refuses the prefix there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PASSWORD, startTestServer, type TestServer } from './testing.ts';

async function signIn(app: TestServer['app']) {
  const response = await app.request('/api/v1/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'member', password: PASSWORD }),
  });
  assert.equal(response.status, 200);
  return response.headers.get('set-cookie') ?? '';
}

test('a Secure session cookie carries the __Host- prefix and is read back by that name', async () => {
  const server = await startTestServer({ secureCookies: true });
  try {
    const set = await signIn(server.app);
    assert.match(
      set,
      /^__Host-pc_session=pcs_[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    assert.doesNotMatch(set, /Domain=/i);
    const token = set.split(';')[0]!.split('=')[1]!;
    const me = (cookie: string) => server.app.request('/api/v1/auth/me', { headers: { cookie } });
    assert.equal((await me(`__Host-pc_session=${token}`)).status, 200);
    // The plain name, as a sibling host could plant it, opens nothing here.
    assert.equal((await me(`pc_session=${token}`)).status, 401);
    const home = await server.app.request('/', {
      headers: { cookie: `__Host-pc_session=${token}` },
    });
    assert.match(await home.text(), /href="\/account\/password"/);
    const out = await server.app.request('/api/v1/auth/sign-out', {
      method: 'POST',
      headers: { cookie: `__Host-pc_session=${token}` },
    });
    assert.match(
      out.headers.get('set-cookie') ?? '',
      /^__Host-pc_session=; Max-Age=0; Path=\/; Secure/,
    );
    assert.equal((await me(`__Host-pc_session=${token}`)).status, 401);
  } finally {
    await server.close();
  }
});

test('a plain server keeps the plain name, without Secure, and reads it back', async () => {
  const server = await startTestServer({ secureCookies: false });
  try {
    const set = await signIn(server.app);
    assert.match(set, /^pc_session=pcs_/);
    assert.doesNotMatch(set, /Secure/);
    const token = set.split(';')[0]!.split('=')[1]!;
    const me = (cookie: string) => server.app.request('/api/v1/auth/me', { headers: { cookie } });
    assert.equal((await me(`pc_session=${token}`)).status, 200);
    const page = await server.app.request('/account/sessions', {
      headers: { cookie: `pc_session=${token}` },
    });
    assert.equal(page.status, 200);
  } finally {
    await server.close();
  }
});
