// What the HTTP app is built from: the use cases and stores (chosen by the composition root),
// the clock, the logger and the server's settings.
import type { Logger } from 'pino';
import type { AuthService } from '../app/auth/auth-service.ts';
import type { CalendarFeeds } from '../app/auth/calendar-feeds.ts';
import type { OwnSessions } from '../app/auth/own-sessions.ts';
import type { SecondFactor } from '../app/auth/second-factor.ts';
import type { EconomyService } from '../app/economy/economy-service.ts';
import type { ExportRequest, RenderedExport } from '../app/exports/export-pool.ts';
import type { ExportFailure } from '../app/exports/read-pool.ts';
import type { LedgerService } from '../app/ledger/ledger-service.ts';
import type { PoolActions } from '../app/pools/pool-actions.ts';
import type { PoolPeople } from '../app/pools/pool-people.ts';
import type { AuthStore } from '../app/ports/auth-store.ts';
import type { BooksReader } from '../app/ports/books-reader.ts';
import type { Result } from '../core/result.ts';
import type { RateLimit } from './rate-limit.ts';

export interface HttpSettings {
  /** Mark the session cookie Secure (served over TLS, or behind a proxy that is). */
  readonly secureCookies: boolean;
  readonly bodyLimitBytes: number;
  /** Sign-in attempts per client address and per login. */
  readonly signInLimit: RateLimit;
  /** Writes per account. */
  readonly writeLimit: RateLimit;
  /** Reads per client: API reads per account (per address when signed out), pages per
   *  address. Generous for people and their scripts; it stops one client from hammering. */
  readonly readLimit: RateLimit;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  secureCookies: false,
  bodyLimitBytes: 1024 * 1024,
  signInLimit: { limit: 10, windowMs: 60_000 },
  writeLimit: { limit: 120, windowMs: 60_000 },
  readLimit: { limit: 6_000, windowMs: 60_000 },
};

export interface HttpDeps {
  readonly auth: AuthService;
  readonly authStore: AuthStore;
  /** The optional TOTP factor of an account and the second sign-in step (decision 0060). */
  readonly secondFactor: SecondFactor;
  readonly economy: EconomyService;
  readonly pools: PoolActions;
  readonly people: PoolPeople;
  readonly books: BooksReader;
  readonly ledger: LedgerService;
  readonly calendarFeeds: CalendarFeeds;
  /** The signed-in account's own sessions. */
  readonly sessions: OwnSessions;
  /** One export of a stored pool (`src/app/exports`). */
  readonly exportPool: (
    poolId: string,
    request: ExportRequest,
  ) => Promise<Result<RenderedExport, ExportFailure>>;
  readonly now: () => number;
  readonly logger: Logger;
  readonly settings: HttpSettings;
  /** Whether the database answers, for /healthz. */
  readonly ready: () => Promise<boolean>;
}
