// Calendar feeds: a person's assigned slots as iCalendar at a secret URL that a calendar program
// polls without signing in (issue 15 item 5). The secret is shown once and stored only as its
// SHA-256; its person revokes every feed of theirs at once, and a revoked secret stays refused.
import { failure, ok } from '../../core/result.ts';
import type { Actor } from '../policies/actor.ts';
import { canManageCalendar } from '../policies/permissions.ts';
import { refusedBy } from '../pools/audit.ts';
import type { AuthStore } from '../ports/auth-store.ts';
import { commitAccountWrite, type RequestContext } from './account-writes.ts';
import { newSecret, type RandomBytes, secretSha256 } from './secrets.ts';

export interface CalendarFeedDeps {
  readonly store: AuthStore;
  readonly random: RandomBytes;
  readonly now: () => number;
}

export function createCalendarFeeds({ store, random, now }: CalendarFeedDeps) {
  return {
    async create(actor: Actor, poolId: string, personId: string, context: RequestContext) {
      const decision = canManageCalendar(actor, poolId, personId);
      if (!decision.allowed) return refusedBy(decision);
      const token = newSecret(random, 'pcf');
      const createdAt = now();
      return commitAccountWrite(store, context, async (tx) => {
        await tx.createCalendarFeed({
          tokenSha256: secretSha256(token),
          poolId,
          personId,
          accountId: actor.accountId!,
          createdAt,
          revokedAt: null,
        });
        return ok({ poolId, personId, createdAt, token });
      });
    },

    async revoke(actor: Actor, poolId: string, personId: string, context: RequestContext) {
      const decision = canManageCalendar(actor, poolId, personId);
      if (!decision.allowed) return refusedBy(decision);
      return commitAccountWrite(store, context, async (tx) =>
        ok({ revoked: await tx.revokeCalendarFeeds(poolId, personId, now()) }),
      );
    },

    /** The pool and person of a live feed's secret. */
    async feedOf(token: string) {
      const feed = await store.findCalendarFeed(secretSha256(token));
      if (feed === undefined || feed.revokedAt !== null) {
        return failure('auth.unknown_token', 'no such calendar feed, or it was revoked');
      }
      return ok({ poolId: feed.poolId, personId: feed.personId });
    },
  };
}

export type CalendarFeeds = ReturnType<typeof createCalendarFeeds>;
