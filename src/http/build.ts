// The HTTP app's dependencies built from the stores behind the app's ports: the composition
// root (the `serve` command, the tests) chooses the stores, the clock and the randomness.
import type { Logger } from 'pino';
import { type AuthSettings, createAuthService } from '../app/auth/auth-service.ts';
import { createCalendarFeeds } from '../app/auth/calendar-feeds.ts';
import {
  type CredentialCacheLimits,
  cachingAuthStore,
  createCredentialCache,
} from '../app/auth/credential-cache.ts';
import { createOwnSessions } from '../app/auth/own-sessions.ts';
import type { PasswordHasher } from '../app/auth/passwords.ts';
import { createPendingSignIns } from '../app/auth/pending-sign-ins.ts';
import { createSecondFactor } from '../app/auth/second-factor.ts';
import type { RandomBytes } from '../app/auth/secrets.ts';
import { securityEventRecorder } from '../app/auth/security-events.ts';
import { createEconomyService } from '../app/economy/economy-service.ts';
import { exportPool } from '../app/exports/export-pool.ts';
import { createLedgerService } from '../app/ledger/ledger-service.ts';
import { createPoolActions } from '../app/pools/pool-actions.ts';
import { createPoolPeople } from '../app/pools/pool-people.ts';
import type { LinkMail } from '../app/ports/mailer.ts';
import type { ServerStores } from '../app/ports/server-stores.ts';
import type { HttpDeps, HttpSettings } from './deps.ts';

export interface HttpRuntime {
  readonly now: () => number;
  readonly random: RandomBytes;
  readonly passwords: PasswordHasher;
  readonly logger: Logger;
  readonly settings: HttpSettings;
  readonly authSettings?: AuthSettings;
  /** How long and how many resolved credentials are kept (default DEFAULT_CREDENTIAL_CACHE). */
  readonly credentialCache?: CredentialCacheLimits;
  /** A mail server for invitation and reset links (none: they are handed over by hand). */
  readonly mail?: LinkMail;
}

export function buildHttpDeps(stores: ServerStores, runtime: HttpRuntime): HttpDeps {
  const { now } = runtime;
  // Every use case writes accounts, sessions, tokens and roles through this one store, so that
  // each such write drops the credentials it changes from the cache (decision 0078).
  const authStore = cachingAuthStore(
    stores.authStore,
    createCredentialCache(now, runtime.credentialCache),
  );
  const economy = createEconomyService(stores.economyStore);
  const pendingSignIns = createPendingSignIns({
    store: stores.secondFactorStore,
    now,
    random: runtime.random,
  });
  const events = securityEventRecorder(
    (event, tx) => (tx ?? authStore).appendSecurityEvent(event),
    now,
    (event) => runtime.logger.info({ securityEvent: event }, 'security event'),
  );
  const auth = createAuthService({
    store: authStore,
    passwords: runtime.passwords,
    now,
    random: runtime.random,
    pendingSignIns,
    events,
    ...(runtime.authSettings === undefined ? {} : { settings: runtime.authSettings }),
  });
  return {
    auth,
    authStore,
    secondFactor: createSecondFactor({
      store: stores.secondFactorStore,
      authStore,
      auth,
      pending: pendingSignIns,
      passwords: runtime.passwords,
      now,
      random: runtime.random,
      events,
    }),
    economy,
    pools: createPoolActions({
      economy,
      economyStore: stores.economyStore,
      authStore,
      now,
    }),
    people: createPoolPeople({
      auth,
      authStore,
      economy,
      now,
      mail: runtime.mail ?? null,
      events,
    }),
    books: stores.books,
    ledger: createLedgerService(stores.ledgerStore),
    calendarFeeds: createCalendarFeeds({
      store: authStore,
      random: runtime.random,
      now,
    }),
    sessions: createOwnSessions({
      store: authStore,
      now,
      settings: auth.settings,
      events,
    }),
    exportPool: (poolId, request) => exportPool(stores.economyStore, poolId, request),
    now,
    logger: runtime.logger,
    settings: runtime.settings,
    ready: stores.ready,
  };
}
