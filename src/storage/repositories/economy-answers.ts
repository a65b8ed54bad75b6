// The keyed answers of a pool's writes (idempotency, decision 0066 and 0072): what a request
// with an Idempotency-Key was answered, with the SHA-256 of its body, read and written inside
// the economy store's transaction.
import { sql, type Transaction } from 'kysely';
import type { StoredAnswer } from '../../app/ports/economy-store.ts';
import type { Database } from '../schema.ts';
import type { Dialect } from './ledger-store.ts';

/** The row of one keyed answer. */
export const answerRow = (poolId: string, key: string, answer: StoredAnswer) => ({
  pool_id: poolId,
  idempotency_key: key,
  request_sha256: answer.requestSha256,
  response_json: JSON.stringify(answer.response),
});

export async function findAnswer(
  trx: Transaction<Database>,
  poolId: string,
  idempotencyKey: string,
): Promise<StoredAnswer | undefined> {
  const row = await trx
    .selectFrom('economy_requests')
    .select(['request_sha256', 'response_json'])
    .where('pool_id', '=', poolId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { requestSha256: row.request_sha256, response: JSON.parse(row.response_json) };
}

export async function findAnswers(
  trx: Transaction<Database>,
  dialect: Dialect,
  poolId: string,
  keys: readonly string[],
): Promise<Map<string, StoredAnswer>> {
  const found = new Map<string, StoredAnswer>();
  if (keys.length === 0) return found;
  // On PostgreSQL the keys go as one array, so the text (and its prepared statement) is the
  // same for any number of them.
  const rows = await trx
    .selectFrom('economy_requests')
    .select(['idempotency_key', 'request_sha256', 'response_json'])
    .where('pool_id', '=', poolId)
    .where(
      'idempotency_key',
      dialect === 'postgres' ? '=' : 'in',
      dialect === 'postgres' ? sql<string>`any(${[...keys]})` : [...keys],
    )
    .execute();
  for (const row of rows) {
    found.set(row.idempotency_key, {
      requestSha256: row.request_sha256,
      response: JSON.parse(row.response_json),
    });
  }
  return found;
}

export async function loadAnswers(
  trx: Transaction<Database>,
  poolId: string,
): Promise<(StoredAnswer & { readonly key: string })[]> {
  const rows = await trx
    .selectFrom('economy_requests')
    .select(['idempotency_key', 'request_sha256', 'response_json'])
    .where('pool_id', '=', poolId)
    .orderBy('idempotency_key')
    .execute();
  return rows.map((row) => ({
    key: row.idempotency_key,
    requestSha256: row.request_sha256,
    response: JSON.parse(row.response_json),
  }));
}

export async function saveAnswer(
  trx: Transaction<Database>,
  poolId: string,
  idempotencyKey: string,
  answer: StoredAnswer,
): Promise<void> {
  await trx
    .insertInto('economy_requests')
    .values(answerRow(poolId, idempotencyKey, answer))
    .execute();
}
