// Opening accounts inside a loaded ledger slice, as every use case that opens accounts does:
// an account already stored with the same content is left as it is (opening is idempotent),
// one stored with other content is refused (`ledger.account_exists`), the rest are opened.
// The caller stores the returned accounts (`insertAccounts`) in the same transaction.
import type { PoolId } from '../../core/ids.ts';
import {
  type Account,
  boundFloor,
  type LedgerFailure,
  type LedgerState,
  type OpenAccountCommand,
  openAccount,
} from '../../core/ledger/index.ts';
import { err, ok, type Result } from '../../core/result.ts';

/** Same account, whatever the order of its bound's fields: compared by meaning. */
function sameAccount(stored: Account, command: OpenAccountCommand): boolean {
  return (
    stored.poolId === command.poolId &&
    stored.unit === command.unit &&
    stored.kind === command.kind &&
    stored.ownerId === command.ownerId &&
    stored.bound.kind === command.bound.kind &&
    boundFloor(stored.bound) === boundFloor(command.bound)
  );
}

/** Opens the accounts of pool `poolId` not yet in the slice; returns those it opened. */
export function openInSlice(
  slice: LedgerState,
  poolId: PoolId,
  commands: readonly OpenAccountCommand[],
): Result<Account[], LedgerFailure> {
  const opened: Account[] = [];
  for (const command of commands) {
    if (command.poolId !== poolId) {
      return err({
        code: 'ledger.cross_pool',
        detail: `account ${command.id} belongs to pool ${command.poolId}`,
      });
    }
    const existing = slice.accounts.get(command.id);
    if (existing !== undefined && sameAccount(existing.account, command)) continue;
    const result = openAccount(slice, command);
    if (!result.ok) return result;
    for (const event of result.value.events) {
      if (event.type === 'account.opened') opened.push(event.account);
    }
  }
  return ok(opened);
}
