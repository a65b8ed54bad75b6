// The pool commands' use cases on a Peerconomy server: each one request to /api/v1, answered with
// the same typed result the local economy service gives. A refusal arrives as problem+json and
// becomes the failure it carries (its stable code and detail); a server that cannot be reached,
// or answers something that is not the API's, is a one-line failure of the command.
import type { InputRequest, PoolStatus } from '../app/economy/economy-service.ts';
import type { CycleStep } from '../core/cycle/stages.ts';
import { type Failure, ok, type Result } from '../core/result.ts';
import type { PoolBackend } from './pool-backend.ts';
import { CliFailure } from './program.ts';

/** A close of a large period runs the whole period on the server; give it time. */
const REQUEST_TIMEOUT_MS = 120_000;

const segment = (value: string | number) => encodeURIComponent(String(value));

export function createPoolClient(
  server: URL,
  token: string | undefined,
  fetchImpl: typeof fetch,
): PoolBackend {
  const api = new URL('api/v1/', server.href.endsWith('/') ? server : `${server.href}/`);

  async function call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    write?: { key: string; body?: unknown },
  ): Promise<Result<T, Failure>> {
    const url = new URL(path, api);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== undefined && token !== '') headers.authorization = `Bearer ${token}`;
    if (write !== undefined) headers['idempotency-key'] = write.key;
    if (write?.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers,
        ...(write?.body === undefined ? {} : { body: JSON.stringify(write.body) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CliFailure(`cannot reach the server at ${server.origin}: ${why}`);
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const text = await response.text();
    const parsed = parseJson(text);
    if (response.ok && mediaType === 'application/json' && parsed !== undefined) {
      return ok(parsed as T);
    }
    const problem = parsed as { code?: unknown; detail?: unknown } | undefined;
    if (
      mediaType === 'application/problem+json' &&
      typeof problem?.code === 'string' &&
      typeof problem.detail === 'string'
    ) {
      const hint =
        problem.code === 'auth.unauthenticated' && (token === undefined || token === '')
          ? '; set PEERCONOMY_TOKEN to a personal access token'
          : '';
      return { ok: false, error: { code: problem.code, detail: `${problem.detail}${hint}` } };
    }
    throw new CliFailure(
      `the server at ${server.origin} answered ${method} ${url.pathname} with ${response.status} ${mediaType || 'and no body'}, not the Peerconomy API`,
    );
  }

  const pool = (poolId: string) => `pools/${segment(poolId)}`;

  async function periodDocument(poolId: string, period: number, field: 'clearing' | 'report') {
    const read = await call<{ value: unknown }>(
      'GET',
      `${pool(poolId)}/periods/${segment(period)}/${field}`,
    );
    return read.ok ? ok(read.value.value) : read;
  }

  return {
    async status(poolId) {
      const read = await call<PoolStatus & { publicBooks?: boolean }>('GET', pool(poolId));
      if (!read.ok) return read;
      // The server adds whether the books are public; the status itself is the economy's.
      const { publicBooks: _publicBooks, ...status } = read.value;
      return ok(status);
    },
    submitInputs: (poolId, key, inputs: readonly InputRequest[]) =>
      call('POST', `${pool(poolId)}/inputs`, { key, body: { inputs } }),
    advance: (poolId, key, step: CycleStep) =>
      call('POST', `${pool(poolId)}/steps`, { key, body: step }),
    withdrawInput: (poolId, key, seq) =>
      call('DELETE', `${pool(poolId)}/inputs/${segment(seq)}`, { key }),
    projection: (poolId, personId) =>
      call(
        'GET',
        personId === undefined
          ? `${pool(poolId)}/projection`
          : `${pool(poolId)}/persons/${segment(personId)}/projection`,
      ),
    clearing: (poolId, period) => periodDocument(poolId, period, 'clearing'),
    periodReport: (poolId, period) => periodDocument(poolId, period, 'report'),
  };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
