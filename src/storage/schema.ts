// The tables as Kysely sees them. Portable by design (ARCHITECTURE.md): ids come from the
// application, the tenant (pool) id leads every key, amounts are integers (int8), booleans are
// small integers (0/1) so SQLite and PostgreSQL store them alike, and there are no triggers.

export interface LedgerAccountsTable {
  pool_id: string;
  id: string;
  unit: string;
  kind: string;
  owner_id: string;
  bound_kind: 'unbounded' | 'debitAllowance' | 'nonNegative';
  bound_allowance: number | null;
  closed: number;
  debits_posted: number;
  credits_posted: number;
  debits_pending: number;
  credits_pending: number;
}

export interface LedgerTransfersTable {
  pool_id: string;
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  unit: string;
  code: string;
  pending: number;
  bound_exception: string | null;
  bound_exception_used: number;
  reference: string | null;
  period: number | null;
  reversal_of: string | null;
  state: 'pending' | 'posted' | 'voided';
  created_at_index: number;
  resolved_at_index: number | null;
  reversed_by: string | null;
}

export interface LedgerJournalTable {
  pool_id: string;
  entry_index: number;
  kind: 'created' | 'posted' | 'voided';
  transfer_id: string;
  previous_hash: string;
  hash: string;
}

export interface LedgerJournalHeadsTable {
  pool_id: string;
  next_index: number;
  head_hash: string;
}

export type CycleStageColumn =
  | 'planning'
  | 'bidding'
  | 'cleared'
  | 'running'
  | 'settling'
  | 'closed';

export interface EconomyPoolsTable {
  pool_id: string;
  settings_json: string;
  cycle_period: number;
  cycle_stage: CycleStageColumn | null;
  next_seq: number;
}

export interface EconomyInputsTable {
  pool_id: string;
  seq: number;
  kind: string;
  period: number;
  record_json: string;
  withdrawn: number;
}

export interface EconomyPeriodsTable {
  pool_id: string;
  period: number;
  stage: CycleStageColumn;
  clearing_json: string | null;
  report_json: string | null;
  journal_entries: number | null;
  journal_head: string | null;
}

export interface EconomyCheckpointsTable {
  pool_id: string;
  period: number;
  state_json: string;
  state_sha256: string;
}

/** One closed period's rotation records, a part of the pool's checkpoint (decision 0062). */
export interface EconomyCheckpointRotationTable {
  pool_id: string;
  period: number;
  records_json: string;
  records_sha256: string;
}

export interface EconomyRequestsTable {
  pool_id: string;
  idempotency_key: string;
  request_sha256: string;
  response_json: string;
}

export interface AuthAccountsTable {
  account_id: string;
  login: string;
  password_hash: string | null;
  created_at: number;
  /** The web app's language the account chose (migration 0006); null: none chosen. */
  language: string | null;
}

export interface AuthRolesTable {
  account_id: string;
  pool_id: string;
  role: 'member' | 'coordinator' | 'steward' | 'auditor';
  subject: string;
}

export interface AuthSessionsTable {
  token_sha256: string;
  account_id: string;
  created_at: number;
  last_seen_at: number;
  revoked: number;
  /** A short label of the user agent it was started from (migration 0008). */
  agent: string | null;
}

export interface AuthTokensTable {
  token_id: string;
  token_sha256: string;
  account_id: string;
  name: string;
  scope: 'read' | 'write';
  created_at: number;
  expires_at: number;
  revoked: number;
}

export interface AuthLinksTable {
  token_sha256: string;
  account_id: string;
  purpose: 'invitation' | 'reset';
  created_by: string;
  expires_at: number;
  used: number;
}

export interface AuthRequestsTable {
  account_id: string;
  idempotency_key: string;
  request_sha256: string;
  response_json: string;
}

export interface AuthPoolAccessTable {
  pool_id: string;
  public_books: number;
}

export interface AuditLogTable {
  pool_id: string;
  seq: number;
  at: number;
  actor_account_id: string;
  on_behalf_of: string | null;
  action: string;
  detail_json: string;
}

export interface CalendarFeedsTable {
  token_sha256: string;
  pool_id: string;
  person_id: string;
  account_id: string;
  created_at: number;
  revoked_at: number | null;
}

/** An account's TOTP secret (migration 0009). */
export interface AuthTotpTable {
  account_id: string;
  secret_base32: string;
  created_at: number;
  confirmed_at: number | null;
  last_step: number | null;
}

export interface AuthRecoveryCodesTable {
  account_id: string;
  code_sha256: string;
  used_at: number | null;
}

export interface SecurityEventsTable {
  seq: number;
  at: number;
  account_id: string | null;
  kind: string;
  login: string | null;
  source_ip: string | null;
  detail_json: string;
}

export interface SecurityEventsLockTable {
  id: number;
}

export interface Database {
  ledger_journal_heads: LedgerJournalHeadsTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_transfers: LedgerTransfersTable;
  ledger_journal: LedgerJournalTable;
  economy_pools: EconomyPoolsTable;
  economy_inputs: EconomyInputsTable;
  economy_periods: EconomyPeriodsTable;
  economy_requests: EconomyRequestsTable;
  economy_checkpoints: EconomyCheckpointsTable;
  economy_checkpoint_rotation: EconomyCheckpointRotationTable;
  auth_accounts: AuthAccountsTable;
  auth_roles: AuthRolesTable;
  auth_sessions: AuthSessionsTable;
  auth_tokens: AuthTokensTable;
  auth_links: AuthLinksTable;
  auth_requests: AuthRequestsTable;
  auth_pool_access: AuthPoolAccessTable;
  audit_log: AuditLogTable;
  calendar_feeds: CalendarFeedsTable;
  auth_totp: AuthTotpTable;
  auth_recovery_codes: AuthRecoveryCodesTable;
  security_events: SecurityEventsTable;
  security_events_lock: SecurityEventsLockTable;
}
