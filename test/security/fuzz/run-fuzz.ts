// Sends fuzzed requests (mutations.ts) in-process to the security fixture's app as one of its
// accounts, and checks each answer: never a 5xx; every 4xx of the API is RFC 9457
// problem+json whose `code` is a stable dotted code mapped to that very status; and a refused
// request changes no row of any table (state-watch.ts: row counts, confirmed by hashes).
import { statusOf } from '../../../src/http/problem.ts';
import type { SecurityFixture } from '../fixture.ts';
import { watchState } from '../state-watch.ts';
import { type FuzzRequest, fuzzRequest, MUTATIONS, type Mutation } from './mutations.ts';
import { loadOperations } from './operations.ts';
import { prngOf } from './prng.ts';

const ACTORS = [
  'public',
  'outsider',
  'member',
  'maintainer',
  'confirmer',
  'steward',
  'auditor',
  'coordinator',
  'fay',
  'quinn',
] as const;
const CODE = /^[a-z][a-z_]*\.[a-z][a-z_]*$/;

export interface FuzzFigures {
  requests: number;
  byRoute: Record<string, number>;
  byMutation: Record<string, number>;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  refused: number;
  serverErrors: number;
  notProblems: number;
  stateChanges: number;
  hashes: number;
  /** What went wrong, first ones only (a reproducible request each). */
  findings: string[];
}

const add = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** What is wrong with a refusal's body, or null when it is a proper problem. */
export function problemFault(
  status: number,
  contentType: string | null,
  text: string,
): string | null {
  if (!(contentType ?? '').startsWith('application/problem+json'))
    return `content-type ${contentType}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return 'not JSON';
  }
  if (typeof body.code !== 'string' || !CODE.test(body.code)) return `code ${String(body.code)}`;
  if (body.status !== status) return `status field ${String(body.status)}`;
  if (statusOf(body.code) !== status) return `code ${body.code} is not a ${status}`;
  if (body.type !== `urn:peerconomy:problem:${body.code}`) return `type ${String(body.type)}`;
  if (typeof body.title !== 'string' || typeof body.detail !== 'string') return 'title or detail';
  return null;
}

export async function fuzz(
  fixture: SecurityFixture,
  options: { requests: number; seed: number; onProgress?: (done: number) => void },
): Promise<FuzzFigures> {
  const prng = prngOf(options.seed);
  const operations = loadOperations();
  const { app } = fixture.server;
  const bearers = new Map<string, string>();
  for (const login of ['member', 'coordinator']) {
    const made = await app.request('/api/v1/auth/tokens', {
      method: 'POST',
      headers: {
        cookie: await fixture.cookieOf(login),
        'content-type': 'application/json',
        'idempotency-key': `fuzz-token-${login}`,
      },
      body: JSON.stringify({ name: 'fuzz', scope: prng.pick(['read', 'write']), ttlDays: 1 }),
    });
    bearers.set(login, ((await made.json()) as { token: string }).token);
  }
  // Every account signs in before the first request, so that the fuzzer's own wrong
  // passwords for these logins (sign-in is fuzzed too) cannot lock the harness out.
  for (const actor of ACTORS) await fixture.cookieOf(actor);
  const context = {
    prng,
    accountIds: Object.values(fixture.accountIds),
    seqs: Object.values(fixture.seqs),
  };
  const figures: FuzzFigures = {
    requests: 0,
    byRoute: {},
    byMutation: {},
    byStatus: {},
    byCode: {},
    refused: 0,
    serverErrors: 0,
    notProblems: 0,
    stateChanges: 0,
    hashes: 0,
    findings: [],
  };
  const finding = (what: string, request: FuzzRequest, actor: string) => {
    if (figures.findings.length < 50) {
      figures.findings.push(
        `${what}: ${request.mutation} as ${actor}: ${request.method} ${request.path.slice(0, 200)} ${(request.body ?? '').slice(0, 300)}`,
      );
    }
  };
  const watch = await watchState(fixture);

  for (let n = 0; n < options.requests; n += 1) {
    const operation = prng.pick(operations);
    const mutation: Mutation = prng.chance(0.15) ? 'valid' : prng.pick(MUTATIONS);
    const request = fuzzRequest(operation, mutation, context);
    const actor = prng.pick(ACTORS);
    const headers = new Headers(request.headers);
    if (request.withCredential && actor !== 'public') {
      const bearer = bearers.get(actor);
      if (bearer !== undefined && prng.chance(0.3))
        headers.set('authorization', `Bearer ${bearer}`);
      else headers.set('cookie', await fixture.cookieOf(actor));
    }
    // Signing an actor in again (after a sign-out) writes a session: the state before the
    // request is taken after that.
    await watch.rebase();
    const bodyless = request.method === 'GET' || request.method === 'HEAD';
    const response = await app.request(request.path, {
      method: request.method,
      headers,
      ...(bodyless || request.body === undefined ? {} : { body: request.body }),
    });
    const text = await response.text();
    const { status } = response;
    figures.requests += 1;
    add(figures.byRoute, request.route);
    add(figures.byMutation, request.mutation);
    add(figures.byStatus, String(status));
    if (status >= 500) {
      figures.serverErrors += 1;
      finding(`${status} ${text.slice(0, 200)}`, request, actor);
    }
    if (status >= 400 && status < 500) {
      figures.refused += 1;
      const fault = problemFault(status, response.headers.get('content-type'), text);
      if (fault === null) add(figures.byCode, (JSON.parse(text) as { code: string }).code);
      else {
        figures.notProblems += 1;
        finding(`${status} not a problem (${fault}): ${text.slice(0, 120)}`, request, actor);
      }
    }
    if (request.route === 'POST /auth/sign-out' && status < 300) fixture.forget(actor);

    if ((await watch.changed()) && status >= 400) {
      figures.stateChanges += 1;
      finding(`state changed by a refused ${status}`, request, actor);
    }
    options.onProgress?.(n + 1);
  }
  figures.hashes = watch.hashes;
  return figures;
}
