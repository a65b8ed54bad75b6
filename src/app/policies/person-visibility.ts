// Which person accounts a reader of the open books may see named (MODEL.md M17: one person's
// takings are read by that person and auditors; everything else is open). The journal pages of
// the web app, the API's journal and transfers export, and the API's period reports show a
// hidden person without their name.
import type { Actor } from './actor.ts';
import { statementReader } from './permissions.ts';

/** The person id behind a person account of the pool, or null for any other account. */
export function personOfAccount(poolId: string, accountId: string): string | null {
  const prefix = `${poolId}.person.`;
  return accountId.startsWith(prefix) ? accountId.slice(prefix.length) : null;
}

/** What `personVisibility` answers for an account that is no person's. */
const NO_PERSON: { readonly person: null; readonly visible: true } = Object.freeze({
  person: null,
  visible: true,
});

/** Whether the reader may see which person an account is and what it took: the person
 *  themselves and auditors (`canReadStatement`); everyone else reads "a person". The reader's
 *  roles are looked at once, not for each of the (hundreds of) accounts asked about. */
export function personVisibility(actor: Actor, poolId: string) {
  const prefix = `${poolId}.person.`;
  const reads = statementReader(actor, poolId);
  return (accountId: string): { readonly person: string | null; readonly visible: boolean } => {
    if (!accountId.startsWith(prefix)) return NO_PERSON;
    const person = accountId.slice(prefix.length);
    return { person, visible: reads(person) };
  };
}

/** The persons of `persons` whom the reader may not see named. */
export function hiddenPersons(
  actor: Actor,
  poolId: string,
  persons: Iterable<string>,
): ReadonlySet<string> {
  const see = personVisibility(actor, poolId);
  return new Set([...persons].filter((person) => !see(`${poolId}.person.${person}`).visible));
}

/**
 * A document (a period's report) with every hidden person replaced by "*": a value that is
 * the person's id, the person's account `<pool>.person.<id>`, or a `:`-separated part of a
 * reference, and a key that is the id. Values are matched, not field names, so that a field
 * a later report adds names nobody it should not. The amounts stay: aggregates remain open.
 */
export function withPersonsHidden(doc: unknown, poolId: string, hidden: ReadonlySet<string>) {
  if (hidden.size === 0) return doc;
  const prefix = `${poolId}.person.`;
  const text = (value: string): string => {
    if (hidden.has(value)) return '*';
    if (value.startsWith(prefix) && hidden.has(value.slice(prefix.length))) return `${prefix}*`;
    if (!value.includes(':')) return value;
    return value
      .split(':')
      .map((part) => (hidden.has(part) ? '*' : part.startsWith(prefix) ? text(part) : part))
      .join(':');
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [text(key), walk(v)]));
  };
  return walk(doc);
}
