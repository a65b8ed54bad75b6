// Which person accounts a reader of the open books may see named (MODEL.md M17: one person's
// takings are read by that person and auditors; everything else is open). The journal pages of
// the web app and the API's journal both show a hidden person's account without its name.
import type { Actor } from './actor.ts';
import { canReadStatement } from './permissions.ts';

/** The person id behind a person account of the pool, or null for any other account. */
export function personOfAccount(poolId: string, accountId: string): string | null {
  const prefix = `${poolId}.person.`;
  return accountId.startsWith(prefix) ? accountId.slice(prefix.length) : null;
}

/** Whether the reader may see which person an account is and what it took: the person
 *  themselves and auditors; everyone else reads "a person". */
export function personVisibility(actor: Actor, poolId: string) {
  return (accountId: string): { person: string | null; visible: boolean } => {
    const person = personOfAccount(poolId, accountId);
    if (person === null) return { person: null, visible: true };
    return { person, visible: canReadStatement(actor, poolId, person).allowed };
  };
}
