// Proves the OpenAPI document: it is generated from the route schemas, it is a valid OpenAPI
// 3.1 document, and the copy checked in at docs/openapi.json is the generated one (run
// `UPDATE_OPENAPI=1 npm test -- openapi.test` after changing a route to refresh it).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { compileErrors, validate } from '@readme/openapi-parser';
import { createApi } from './app.ts';
import { openApiDocument } from './docs.ts';
import { startTestServer, type TestServer } from './testing.ts';

const CHECKED_IN = join(import.meta.dirname, '..', '..', 'docs', 'openapi.json');
let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const generated = () => `${JSON.stringify(openApiDocument(createApi(server.deps)), null, 2)}\n`;

test('the document is valid OpenAPI 3.1', async () => {
  const document = JSON.parse(generated());
  assert.equal(document.openapi, '3.1.0');
  const result = await validate(document);
  assert.ok(result.valid, result.valid ? '' : compileErrors(result));
});

test('the document served is the one generated from the routes', async () => {
  const served = await (await server.request('/api/openapi.json')).json();
  assert.deepEqual(served, JSON.parse(generated()));
});

test('docs/openapi.json is the generated document (no drift)', () => {
  const text = generated();
  if (process.env.UPDATE_OPENAPI === '1') writeFileSync(CHECKED_IN, text);
  // Compared as data: the formatter may lay the checked-in file out its own way.
  assert.deepEqual(
    JSON.parse(readFileSync(CHECKED_IN, 'utf8')),
    JSON.parse(text),
    'docs/openapi.json is stale: run UPDATE_OPENAPI=1 npm test -- openapi.test',
  );
});

test('every write declares the Idempotency-Key header, and every operation its problems', () => {
  const document = JSON.parse(generated()) as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }
      >
    >;
  };
  // Signing in and changing the password set a session cookie, which a replayed answer could
  // not give again; signing out and redeeming a link are idempotent by themselves.
  const exempt = new Set([
    'post /auth/sign-in',
    'post /auth/sign-out',
    'post /auth/links/redeem',
    'post /auth/password',
    // The second factor's writes: the second step sets a session cookie; a confirmation
    // answers recovery codes that are kept only hashed, so a replay could not show them again;
    // an enrolment made again only makes another unconfirmed secret; turning off twice is off.
    'post /auth/sign-in/second-factor',
    'post /auth/second-factor/enrolment',
    'post /auth/second-factor/confirmation',
    'post /auth/second-factor/off',
  ]);
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (method === 'get' || exempt.has(`${method} ${path}`)) continue;
      const names = (operation.parameters ?? [])
        .filter((p) => p.in === 'header')
        .map((p) => p.name);
      assert.ok(names.includes('idempotency-key'), `${method} ${path} takes no Idempotency-Key`);
    }
  }
});
