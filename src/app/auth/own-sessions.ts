// An account's own sessions (ASVS 5.0 V7.4/V7.5): the list of its live sessions, each with when
// it began and was last used, a short label of the browser it was started from and whether it
// is the one asking, and ending one of them. A session is named by an id derived from its
// token's stored hash, never by the token: the list shows nothing that opens a session, and one
// account can name only its own sessions.
import { failure, ok } from '../../core/result.ts';
import type { AuthStore } from '../ports/auth-store.ts';
import { textSha256 } from '../sha256.ts';
import { commitAccountWrite, type RequestContext } from './account-writes.ts';
import type { AuthSettings } from './auth-service.ts';
import { secretSha256 } from './secrets.ts';
import type { RecordSecurityEvent } from './security-events.ts';

export interface OwnSession {
  readonly sessionId: string;
  readonly createdAt: number;
  readonly lastUsedAt: number;
  /** "Firefox on Linux"; null when the browser sent no User-Agent. */
  readonly agent: string | null;
  /** Whether this is the session the request came with. */
  readonly current: boolean;
}

/** The public id of a session: a hash of its token's hash, so it opens nothing. */
export const sessionIdOf = (tokenSha256: string): string =>
  `ses_${textSha256(`session:${tokenSha256}`).slice(0, 24)}`;

export interface OwnSessionsDeps {
  readonly store: AuthStore;
  readonly now: () => number;
  readonly settings: AuthSettings;
  readonly events?: RecordSecurityEvent;
}

export function createOwnSessions({ store, now, settings, events }: OwnSessionsDeps) {
  const event = events ?? (async () => {});

  /** The account's sessions not ended, revoked or expired, newest first. */
  async function live(accountId: string) {
    const at = now();
    return (await store.sessionsOf(accountId)).filter(
      (session) =>
        at - session.lastSeenAt <= settings.sessionIdleMs &&
        at - session.createdAt <= settings.sessionAbsoluteMs,
    );
  }

  return {
    /** `currentToken`: the session token the request came with (null: a bearer token). */
    async list(accountId: string, currentToken: string | null): Promise<OwnSession[]> {
      const current = currentToken === null ? null : secretSha256(currentToken);
      return (await live(accountId)).map((session) => ({
        sessionId: sessionIdOf(session.tokenSha256),
        createdAt: session.createdAt,
        lastUsedAt: session.lastSeenAt,
        agent: session.agent,
        current: session.tokenSha256 === current,
      }));
    },

    /** Ends one of the account's own sessions; another account's id is not found. */
    async end(accountId: string, sessionId: string, context: RequestContext) {
      const session = (await live(accountId)).find(
        (candidate) => sessionIdOf(candidate.tokenSha256) === sessionId,
      );
      if (session === undefined) {
        return failure('auth.unknown_session', `no session "${sessionId}" of this account`);
      }
      return commitAccountWrite(store, context, async (tx) => {
        await tx.revokeSession(session.tokenSha256);
        await event(
          { kind: 'session.ended', accountId, login: null, detail: { sessionId } },
          context.source,
          tx,
        );
        return ok({ sessionId });
      });
    },
  };
}

export type OwnSessions = ReturnType<typeof createOwnSessions>;
