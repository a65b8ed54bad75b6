// For tests: requests to the in-process app as a role, each response checked against the
// OpenAPI document (status, media type, body) and, for a refusal, the problem+json shape.
import assert from 'node:assert/strict';
import { createResponseChecker, type OpenApiDocument } from './openapi-check.ts';
import type { TestRole, TestServer } from './testing.ts';

export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON body the tests read field by field
  readonly body: any;
  readonly headers: Headers;
}

export async function testClient(server: TestServer) {
  const document = (await (await server.request('/api/openapi.json')).json()) as OpenApiDocument;
  const check = createResponseChecker(document);
  let keys = 0;
  return {
    /** `template` is the document's path (`/pools/{poolId}`); `params` fill it in. */
    async call(
      role: TestRole,
      method: string,
      template: string,
      options: {
        params?: Record<string, string | number>;
        body?: unknown;
        key?: string | null;
        query?: string;
        headers?: Record<string, string>;
      } = {},
    ): Promise<Answer> {
      let path = template;
      for (const [name, value] of Object.entries(options.params ?? {}))
        path = path.replace(`{${name}}`, String(value));
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (method !== 'GET' && options.key !== null) {
        keys += 1;
        headers['idempotency-key'] = options.key ?? `key-${keys}`;
      }
      const response = await server.request(`/api/v1${path}${options.query ?? ''}`, {
        method,
        role,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const mismatches = await check(method, template, response);
      assert.deepEqual(
        mismatches,
        [],
        `${method} ${path} ${response.status} does not match the document`,
      );
      const text = await response.text();
      const body = text === '' ? null : JSON.parse(text);
      if (response.status >= 400) {
        assert.equal(response.headers.get('content-type'), 'application/problem+json');
        assert.equal(body.status, response.status);
        assert.equal(body.type, `urn:peerconomy:problem:${body.code}`);
        assert.equal(typeof body.detail, 'string');
      }
      return { status: response.status, body, headers: response.headers };
    },
  };
}

/** Asserts a refusal's status and code. */
export function refused(answer: Answer, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.body.code, code);
}
