// What the request pipeline hands the route handlers: who is asking, and the request's id.
import type { Actor } from '../app/policies/actor.ts';

export interface HttpEnv {
  Variables: {
    actor: Actor;
    /** The session token the request came with, if any (for sign-out and rotation). */
    sessionToken: string | null;
    requestId: string;
  };
}
