// Idempotency for writes that are not the economy's (roles, links, tokens, feeds, the books'
// openness): the answer is stored by account and key in the write's own transaction (see
// app/auth/account-writes.ts), so the same key and body answer the same, across a crash and a
// restart too, and the same key with another body is refused. A secret the write minted (a
// token, a link) is left out of the stored answer: it exists only hashed, so a repeat answers
// without it.
import type { Context } from 'hono';
import type { RequestContext } from '../app/auth/account-writes.ts';
import type { AuthStore } from '../app/ports/auth-store.ts';
import { canonicalJsonSha256 } from '../app/sha256.ts';
import type { HttpEnv } from './env.ts';
import { problem } from './problem.ts';
import { requestContext } from './request-context.ts';

interface StoredReply {
  readonly status: number;
  readonly body: unknown;
}

const withoutSecret = (body: unknown): unknown => {
  if (body === null || typeof body !== 'object' || !('token' in body)) return body;
  const { token: _secret, ...rest } = body as Record<string, unknown>;
  return rest;
};

/** Another request with the same key stored its answer first: this one's write rolls back. */
class AnsweredMeanwhile extends Error {}

/**
 * Runs `work` (whose success answers `status` with the committed value as its body) keyed by
 * the request's Idempotency-Key, if it has one: the context handed to `work` stores the answer
 * with the first account write it commits.
 */
export async function idempotentWrite(
  c: Context<HttpEnv>,
  store: AuthStore,
  request: unknown,
  status: 200 | 201,
  work: (context: RequestContext) => Promise<Response>,
): Promise<Response> {
  const accountId = c.get('actor').accountId;
  const key = c.req.header('idempotency-key');
  const context = requestContext(c);
  if (accountId === null || key === undefined) return work(context);
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
  let committed: string | null = null;
  const saveWithWrite = async (tx: AuthStore, value: unknown) => {
    const reply = { status, body: JSON.parse(JSON.stringify(withoutSecret(value))) as unknown };
    if (!(await tx.saveAnswer(accountId, key, requestSha256, reply))) {
      throw new AnsweredMeanwhile();
    }
    committed = JSON.stringify(reply);
  };
  let response: Response;
  try {
    response = await work({ ...context, answer: saveWithWrite });
  } catch (error) {
    // Another request with the key got there first: answer as it did.
    if (error instanceof AnsweredMeanwhile) return idempotentWrite(c, store, request, status, work);
    throw error;
  }
  if (response.status < 300) {
    const reply = { status: response.status, body: withoutSecret(await response.clone().json()) };
    if (committed === null) {
      // Nothing was written (nothing to change): the answer has no write to go with.
      const saved = await store.saveAnswer(accountId, key, requestSha256, reply);
      if (!saved) return idempotentWrite(c, store, request, status, work);
    } else if (JSON.stringify(reply) !== committed) {
      // Learnt after the commit (whether a link went out by mail): the answer says so too.
      await store.replaceAnswer(accountId, key, reply);
    }
  }
  return response;
}
