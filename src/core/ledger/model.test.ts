// Proves the ledger equals a deliberately naive reference ledger on random command sequences
// (fc.commands): the same accept/refuse decision with the same code and batch index, the same
// balances and transfer states after every command, and a journal that always verifies.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  type AccountBound,
  type AccountKind,
  closeAccount,
  createLedger,
  createTransfer,
  createTransfers,
  getBalance,
  getTransfer,
  type LedgerState,
  type LedgerUnit,
  openAccount,
  postTransfer,
  reverseTransfer,
  type TransferRequest,
  verifyLedger,
  voidTransfer,
} from './index.ts';
import {
  accountId,
  allowance,
  EUR,
  NON_NEGATIVE,
  poolId,
  transferId,
  UNBOUNDED,
} from './testing.ts';

// ---------------------------------------------------------------------------------------
// The naive reference: lists, and every balance recomputed from the whole list when needed.

interface ModelAccount {
  id: string;
  pool: string;
  unit: LedgerUnit;
  kind: AccountKind;
  bound: AccountBound;
  closed: boolean;
}

interface ModelTransfer {
  id: string;
  debit: string;
  credit: string;
  amount: number;
  unit: LedgerUnit;
  code: string;
  pending: boolean;
  boundException: string | undefined;
  reference: string | undefined;
  period: number | undefined;
  reversalOf: string | undefined;
  state: 'pending' | 'posted' | 'voided';
  reversedBy: string | undefined;
}

interface Model {
  accounts: ModelAccount[];
  transfers: ModelTransfer[];
}

/** What a command came to: ok, a duplicate, or a refusal with its code (and batch index). */
type Outcome =
  | { kind: 'ok' }
  | { kind: 'duplicate' }
  | { kind: 'error'; code: string; index?: number };

function posted(model: Model, id: string): number {
  let balance = 0;
  for (const t of model.transfers) {
    if (t.state !== 'posted') continue;
    if (t.credit === id) balance += t.amount;
    if (t.debit === id) balance -= t.amount;
  }
  return balance;
}

function pendingDebits(model: Model, id: string): number {
  return model.transfers
    .filter((t) => t.state === 'pending' && t.debit === id)
    .reduce((sum, t) => sum + t.amount, 0);
}

function pendingCredits(model: Model, id: string): number {
  return model.transfers
    .filter((t) => t.state === 'pending' && t.credit === id)
    .reduce((sum, t) => sum + t.amount, 0);
}

function floorOf(bound: AccountBound): number {
  if (bound.kind === 'nonNegative') return 0;
  if (bound.kind === 'debitAllowance') return -bound.allowance;
  return Number.NEGATIVE_INFINITY;
}

const error = (code: string): Outcome => ({ kind: 'error', code });

/** Adds one transfer to the model's list if the rules allow it. */
function modelCreate(model: Model, r: TransferRequest, reversalOf?: string): Outcome {
  const existing = model.transfers.find((t) => t.id === r.id);
  if (existing !== undefined) {
    const same =
      existing.debit === r.debitAccountId &&
      existing.credit === r.creditAccountId &&
      existing.amount === r.amount &&
      existing.unit === r.unit &&
      existing.code === r.code &&
      existing.pending === (r.pending ?? false) &&
      existing.boundException === r.boundException &&
      existing.reference === r.reference &&
      existing.period === r.period &&
      existing.reversalOf === reversalOf;
    return same ? { kind: 'duplicate' } : error('ledger.id_reused');
  }
  if (!Number.isInteger(r.amount) || r.amount < 1) return error('ledger.invalid_amount');
  if (!/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/.test(r.code))
    return error('ledger.invalid_code');
  if ((r.code === 'reversal') !== (reversalOf !== undefined)) return error('ledger.invalid_code');
  if (r.debitAccountId === r.creditAccountId) return error('ledger.same_account');
  const debit = model.accounts.find((a) => a.id === r.debitAccountId);
  const credit = model.accounts.find((a) => a.id === r.creditAccountId);
  if (debit === undefined || credit === undefined) return error('ledger.unknown_account');
  if (debit.closed || credit.closed) return error('ledger.account_closed');
  if (debit.unit !== r.unit || credit.unit !== r.unit) return error('ledger.mixed_units');
  if (debit.pool !== credit.pool) return error('ledger.cross_pool');
  if (
    debit.kind === 'person' &&
    credit.kind === 'person' &&
    r.code !== 'work.service' &&
    reversalOf === undefined
  ) {
    return error('ledger.person_to_person');
  }
  const worstAfter = posted(model, debit.id) - pendingDebits(model, debit.id) - r.amount;
  const passes =
    worstAfter >= floorOf(debit.bound) ||
    (r.boundException === 'basicNeeds' && debit.bound.kind === 'debitAllowance');
  if (!passes) return error('ledger.bound_exceeded');
  model.transfers.push({
    id: r.id,
    debit: r.debitAccountId,
    credit: r.creditAccountId,
    amount: r.amount,
    unit: r.unit,
    code: r.code,
    pending: r.pending ?? false,
    boundException: r.boundException,
    reference: r.reference,
    period: r.period,
    reversalOf,
    state: r.pending ? 'pending' : 'posted',
    reversedBy: undefined,
  });
  return { kind: 'ok' };
}

// ---------------------------------------------------------------------------------------
// Commands: each applies to both, compares the outcome, then compares every balance.

interface Real {
  state: LedgerState;
}

function realOutcome(
  result:
    | { ok: true; value: { events: readonly { type: string }[] } }
    | { ok: false; error: { code: string; index?: number } },
): Outcome {
  if (!result.ok) {
    return result.error.index === undefined
      ? error(result.error.code)
      : { kind: 'error', code: result.error.code, index: result.error.index };
  }
  const events = result.value.events;
  return events.length > 0 && events.every((event) => event.type === 'transfer.duplicate')
    ? { kind: 'duplicate' }
    : { kind: 'ok' };
}

function compare(model: Model, real: Real): void {
  for (const account of model.accounts) {
    const balance = getBalance(real.state, accountId(account.id))!;
    assert.equal(balance.postedBalance, posted(model, account.id), `balance of ${account.id}`);
    assert.equal(balance.debitsPending, pendingDebits(model, account.id), `pending ${account.id}`);
    assert.equal(
      balance.creditsPending,
      pendingCredits(model, account.id),
      `pending ${account.id}`,
    );
    assert.equal(real.state.accounts.get(accountId(account.id))!.account.closed, account.closed);
  }
  assert.equal(real.state.accounts.size, model.accounts.length);
  assert.equal(real.state.transfers.size, model.transfers.length);
  for (const t of model.transfers) {
    const view = getTransfer(real.state, transferId(t.id))!;
    assert.equal(view.state, t.state, `state of ${t.id}`);
    assert.equal(view.reversedBy, t.reversedBy, `reversal of ${t.id}`);
  }
  assert.ok(verifyLedger(real.state).ok);
}

abstract class LedgerCommand implements fc.Command<Model, Real> {
  check(): boolean {
    return true;
  }
  abstract expected(model: Model): Outcome;
  abstract actual(real: Real): Outcome;
  run(model: Model, real: Real): void {
    const expected = this.expected(model);
    assert.deepEqual(this.actual(real), expected, this.toString());
    compare(model, real);
  }
  abstract toString(): string;
}

interface AccountTemplate {
  id: string;
  pool: string;
  unit: LedgerUnit;
  kind: AccountKind;
  bound: AccountBound;
}

const TEMPLATES: readonly AccountTemplate[] = [
  { id: 'ana', pool: 'p', unit: 'effort', kind: 'person', bound: allowance(1_000) },
  { id: 'ben', pool: 'p', unit: 'effort', kind: 'person', bound: allowance(0) },
  { id: 'farm', pool: 'p', unit: 'effort', kind: 'project', bound: UNBOUNDED },
  { id: 'premium', pool: 'p', unit: 'effort', kind: 'premium', bound: NON_NEGATIVE },
  { id: 'fed-q', pool: 'q', unit: 'effort', kind: 'federation', bound: UNBOUNDED },
  { id: 'cash', pool: 'p', unit: EUR, kind: 'project', bound: UNBOUNDED },
];
const ACCOUNT_IDS = [...TEMPLATES.map((t) => t.id), 'ghost'];

class OpenCommand extends LedgerCommand {
  readonly template: AccountTemplate;
  constructor(template: AccountTemplate) {
    super();
    this.template = template;
  }
  expected(model: Model): Outcome {
    if (model.accounts.some((a) => a.id === this.template.id))
      return error('ledger.account_exists');
    model.accounts.push({ ...this.template, closed: false });
    return { kind: 'ok' };
  }
  actual(real: Real): Outcome {
    const t = this.template;
    return realOutcome(
      openAccount(real.state, {
        id: accountId(t.id),
        poolId: poolId(t.pool),
        unit: t.unit,
        kind: t.kind,
        ownerId: t.id,
        bound: t.bound,
      }),
    );
  }
  toString(): string {
    return `open(${this.template.id})`;
  }
}

class CloseCommand extends LedgerCommand {
  readonly id: string;
  constructor(id: string) {
    super();
    this.id = id;
  }
  expected(model: Model): Outcome {
    const account = model.accounts.find((a) => a.id === this.id);
    if (account === undefined) return error('ledger.unknown_account');
    if (account.closed) return error('ledger.account_closed');
    if (pendingDebits(model, this.id) > 0 || pendingCredits(model, this.id) > 0) {
      return error('ledger.pending_transfers');
    }
    if (posted(model, this.id) !== 0) return error('ledger.balance_not_zero');
    account.closed = true;
    return { kind: 'ok' };
  }
  actual(real: Real): Outcome {
    return realOutcome(closeAccount(real.state, { accountId: accountId(this.id) }));
  }
  toString(): string {
    return `close(${this.id})`;
  }
}

class CreateCommand extends LedgerCommand {
  readonly request: TransferRequest;
  constructor(request: TransferRequest) {
    super();
    this.request = request;
  }
  expected(model: Model): Outcome {
    return modelCreate(model, this.request);
  }
  actual(real: Real): Outcome {
    return realOutcome(createTransfer(real.state, this.request));
  }
  toString(): string {
    return `create(${JSON.stringify(this.request)})`;
  }
}

/** Sends an accepted transfer's request again (a client retry): must be a duplicate. */
class ReplayCommand extends LedgerCommand {
  readonly pick: number;
  request: TransferRequest | undefined;
  constructor(pick: number) {
    super();
    this.pick = pick;
  }
  expected(model: Model): Outcome {
    const plain = model.transfers.filter((t) => t.reversalOf === undefined);
    const t = plain[this.pick % Math.max(1, plain.length)];
    if (t === undefined) {
      this.request = undefined;
      return { kind: 'ok' };
    }
    this.request = {
      id: transferId(t.id),
      debitAccountId: accountId(t.debit),
      creditAccountId: accountId(t.credit),
      amount: t.amount,
      unit: t.unit,
      code: t.code,
      pending: t.pending,
      ...(t.boundException === undefined ? {} : { boundException: 'basicNeeds' as const }),
      ...(t.reference === undefined ? {} : { reference: t.reference }),
      ...(t.period === undefined ? {} : { period: t.period }),
    };
    return { kind: 'duplicate' };
  }
  actual(real: Real): Outcome {
    return this.request === undefined
      ? { kind: 'ok' }
      : realOutcome(createTransfer(real.state, this.request));
  }
  toString(): string {
    return `replay(${this.pick})`;
  }
}

class BatchCommand extends LedgerCommand {
  readonly requests: readonly TransferRequest[];
  constructor(requests: readonly TransferRequest[]) {
    super();
    this.requests = requests;
  }
  expected(model: Model): Outcome {
    // Naive atomicity: try on a copy of the list, keep the copy only if every item passed.
    const trial: Model = { accounts: model.accounts, transfers: [...model.transfers] };
    let allDuplicates = true;
    for (let index = 0; index < this.requests.length; index += 1) {
      const outcome = modelCreate(trial, this.requests[index]!);
      if (outcome.kind === 'error') return { kind: 'error', code: outcome.code, index };
      if (outcome.kind === 'ok') allDuplicates = false;
    }
    model.transfers = trial.transfers;
    return allDuplicates ? { kind: 'duplicate' } : { kind: 'ok' };
  }
  actual(real: Real): Outcome {
    return realOutcome(createTransfers(real.state, this.requests));
  }
  toString(): string {
    return `batch(${JSON.stringify(this.requests)})`;
  }
}

/** Picks the `pick`-th transfer the model holds (or a missing one), at run time. */
function pickTransfer(model: Model, pick: number): string {
  const count = model.transfers.length;
  return count === 0 || pick >= 1_000 ? 'missing' : model.transfers[pick % count]!.id;
}

class ResolveCommand extends LedgerCommand {
  readonly pick: number;
  readonly target: 'posted' | 'voided';
  id = '';
  constructor(pick: number, target: 'posted' | 'voided') {
    super();
    this.pick = pick;
    this.target = target;
  }
  expected(model: Model): Outcome {
    this.id = pickTransfer(model, this.pick);
    const t = model.transfers.find((candidate) => candidate.id === this.id);
    if (t === undefined) return error('ledger.unknown_transfer');
    if (t.pending && t.state === this.target) return { kind: 'duplicate' };
    if (t.state !== 'pending') return error('ledger.not_pending');
    t.state = this.target;
    return { kind: 'ok' };
  }
  actual(real: Real): Outcome {
    const command = { transferId: transferId(this.id) };
    return realOutcome(
      this.target === 'posted'
        ? postTransfer(real.state, command)
        : voidTransfer(real.state, command),
    );
  }
  toString(): string {
    return `${this.target === 'posted' ? 'post' : 'void'}(${this.id})`;
  }
}

class ReverseCommand extends LedgerCommand {
  readonly id: string;
  readonly pick: number;
  originalId = '';
  constructor(id: string, pick: number) {
    super();
    this.id = id;
    this.pick = pick;
  }
  expected(model: Model): Outcome {
    this.originalId = pickTransfer(model, this.pick);
    const original = model.transfers.find((t) => t.id === this.originalId);
    if (original === undefined) return error('ledger.unknown_transfer');
    const reversal: TransferRequest = {
      id: transferId(this.id),
      debitAccountId: accountId(original.credit),
      creditAccountId: accountId(original.debit),
      amount: original.amount,
      unit: original.unit,
      code: 'reversal',
    };
    const existing = model.transfers.find((t) => t.id === this.id);
    if (existing === undefined) {
      if (original.reversalOf !== undefined) return error('ledger.not_reversible');
      if (original.state !== 'posted') return error('ledger.not_posted');
      if (original.reversedBy !== undefined) return error('ledger.already_reversed');
    }
    const outcome = modelCreate(model, reversal, this.originalId);
    if (outcome.kind === 'ok') original.reversedBy = this.id;
    return outcome;
  }
  actual(real: Real): Outcome {
    return realOutcome(
      reverseTransfer(real.state, {
        id: transferId(this.id),
        originalId: transferId(this.originalId),
      }),
    );
  }
  toString(): string {
    return `reverse(${this.id} of ${this.originalId})`;
  }
}

// ---------------------------------------------------------------------------------------
// Generators: few ids, so that replays, reuses, closed and unknown accounts happen often.

const TRANSFER_IDS = Array.from({ length: 12 }, (_, index) => `t${index}`);
const requestArb: fc.Arbitrary<TransferRequest> = fc
  .record({
    id: fc.constantFrom(...TRANSFER_IDS),
    debit: fc.constantFrom(...ACCOUNT_IDS),
    credit: fc.constantFrom(...ACCOUNT_IDS),
    // Mostly a credit account of the debit account's pool and unit, so that most requests pass.
    sensible: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
    amount: fc.oneof(
      { weight: 19, arbitrary: fc.integer({ min: 1, max: 1_500 }) },
      fc.constantFrom(0, -3, 2.5),
    ),
    unit: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, fc.constantFrom('effort', EUR)),
    code: fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom('work.credit', 'take.goods', 'work.service') },
      fc.constantFrom('reversal', 'Bad code'),
    ),
    pending: fc.boolean(),
    basicNeeds: fc.boolean(),
    reference: fc.option(fc.constantFrom('r1', 'r2')),
    period: fc.option(fc.nat(2)),
  })
  .map((g) => {
    const debitTemplate = TEMPLATES.find((t) => t.id === g.debit);
    const peers = TEMPLATES.filter(
      (t) => t.pool === debitTemplate?.pool && t.unit === debitTemplate.unit && t.id !== g.debit,
    );
    const credit =
      g.sensible && peers.length > 0
        ? peers[ACCOUNT_IDS.indexOf(g.credit) % peers.length]!.id
        : g.credit;
    const unit = (g.unit ?? debitTemplate?.unit ?? 'effort') as LedgerUnit;
    const r: TransferRequest = {
      id: transferId(g.id),
      debitAccountId: accountId(g.debit),
      creditAccountId: accountId(credit),
      amount: g.amount,
      unit,
      code: g.code,
      pending: g.pending,
      ...(g.basicNeeds ? { boundException: 'basicNeeds' as const } : {}),
      ...(g.reference === null ? {} : { reference: g.reference }),
      ...(g.period === null ? {} : { period: g.period }),
    };
    return r;
  });

// Creating is listed several times so that it dominates; closing and reopening stay rare.
const commandArbs = [
  fc.constantFrom(...TEMPLATES).map((t) => new OpenCommand(t)),
  fc.constantFrom(...ACCOUNT_IDS).map((id) => new CloseCommand(id)),
  requestArb.map((r) => new CreateCommand(r)),
  requestArb.map((r) => new CreateCommand(r)),
  requestArb.map((r) => new CreateCommand(r)),
  requestArb.map((r) => new CreateCommand(r)),
  requestArb.map((r) => new CreateCommand(r)),
  fc.array(requestArb, { minLength: 1, maxLength: 4 }).map((rs) => new BatchCommand(rs)),
  fc.nat(1_050).map((pick) => new ResolveCommand(pick, 'posted')),
  fc.nat(1_050).map((pick) => new ResolveCommand(pick, 'voided')),
  fc
    .tuple(fc.constantFrom(...TRANSFER_IDS, 'r1', 'r2'), fc.nat(1_050))
    .map(([id, pick]) => new ReverseCommand(id, pick)),
  fc.nat().map((pick) => new ReplayCommand(pick)),
];

describe('model-based test against a naive reference ledger', () => {
  test('the ledger and the reference agree on every command', () => {
    fc.assert(
      fc.property(fc.commands(commandArbs, { maxCommands: 60, size: 'large' }), (commands) => {
        // Most sequences should start with open accounts, so open them all first.
        const model: Model = { accounts: [], transfers: [] };
        const real: Real = { state: createLedger() };
        for (const template of TEMPLATES) new OpenCommand(template).run(model, real);
        fc.modelRun(() => ({ model, real }), commands);
      }),
      { numRuns: 150 },
    );
  });
});
