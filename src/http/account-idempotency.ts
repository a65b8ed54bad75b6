// Idempotency for writes that are not the economy's (roles, links, tokens, the books' openness):
// the answer is stored by account and key, so the same key and body answer the same, across a
// restart too, and the same key with another body is refused. A secret the write minted (a
// token, a link) is left out of the stored answer: it exists only hashed, so a repeat answers
// without it.
import type { Context } from 'hono';
import type { AuthStore } from '../app/ports/auth-store.ts';
import { canonicalJsonSha256 } from '../app/sha256.ts';
import type { HttpEnv } from './env.ts';
import { problem } from './problem.ts';

interface StoredReply {
  readonly status: number;
  readonly body: unknown;
}

const withoutSecret = (body: unknown): unknown => {
  if (body === null || typeof body !== 'object' || !('token' in body)) return body;
  const { token: _secret, ...rest } = body as Record<string, unknown>;
  return rest;
};

export async function idempotentWrite(
  c: Context<HttpEnv>,
  store: AuthStore,
  request: unknown,
  work: () => Promise<Response>,
): Promise<Response> {
  const accountId = c.get('actor').accountId;
  const key = c.req.header('idempotency-key');
  if (accountId === null || key === undefined) return work();
  const requestSha256 = canonicalJsonSha256({ method: c.req.method, path: c.req.path, request });
  const found = await store.findAnswer(accountId, key);
  if (found !== undefined) {
    if (found.requestSha256 !== requestSha256) {
      return problem(
        c,
        'http.idempotency_key_reused',
        `idempotency key "${key}" was used for another request`,
      );
    }
    const reply = found.response as StoredReply;
    return c.json(reply.body as object, reply.status as 200);
  }
  const response = await work();
  if (response.status < 300) {
    const body = await response.clone().json();
    const saved = await store.saveAnswer(accountId, key, requestSha256, {
      status: response.status,
      body: withoutSecret(body),
    });
    // Another request with the key got there first: answer as it did.
    if (!saved) return idempotentWrite(c, store, request, work);
  }
  return response;
}
