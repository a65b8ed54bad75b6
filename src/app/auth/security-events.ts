// The security event log (ASVS 5.0 V16): what happened to an account's security, appended and
// never changed: sign-ins, refusals, lockouts, sign-outs, password changes, links used, access
// tokens, sessions ended and role changes. Each event has its time, its account when known,
// its kind, the source address of the request and a small detail; never a secret or password.
// The kinds are one closed union here, so a new kind is added in one place.
import type { AuthStore } from '../ports/auth-store.ts';

export const SECURITY_EVENT_KINDS = [
  'sign_in.succeeded',
  /** A wrong login or password; the login tried is kept. */
  'sign_in.failed',
  /** Refused because the login is locked after repeated wrong passwords. */
  'sign_in.locked',
  'sign_out',
  'password.changed',
  /** The current password given to change it was wrong. */
  'password.change_refused',
  'link.used',
  'token.created',
  'token.revoked',
  /** The account ended one of its own sessions from its list. */
  'session.ended',
  'role.granted',
  'role.revoked',
  /** The password was right and the account has a second factor: a code is asked for. */
  'sign_in.code_required',
  /** A wrong, used or old code at the sign-in's second step. */
  'sign_in.code_failed',
  'second_factor.on',
  'second_factor.off',
  /** Turning the second factor off was refused: a wrong password or code. */
  'second_factor.off_refused',
] as const;

export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export interface SecurityEvent {
  readonly seq: number;
  readonly at: number;
  /** The account concerned; null when a sign-in named no account. */
  readonly accountId: string | null;
  readonly kind: SecurityEventKind;
  /** The login named (sign-ins); null otherwise. */
  readonly login: string | null;
  /** The address the request came from (the connection's); null outside a request. */
  readonly sourceIp: string | null;
  /** A few facts: a token's id, a link's purpose, a role and pool, who acted. No secrets. */
  readonly detail: Readonly<Record<string, string | number | boolean>>;
}

export type NewSecurityEvent = Omit<SecurityEvent, 'seq' | 'at' | 'sourceIp'>;

/** Where a request comes from, as the HTTP layer sees it. */
export interface RequestSource {
  readonly ip: string | null;
  /** A short label of the user agent ("Firefox on Linux"); null when none was sent. */
  readonly agent: string | null;
}

/** Appends an event: on `tx`, the write's transaction, or on its own. */
export type SecurityEventSink = (
  event: Omit<SecurityEvent, 'seq'>,
  tx?: AuthStore,
) => Promise<void>;

/**
 * The recorder of security events: appends (the store) and reports (the log) an event of a
 * request from `source`, inside the write's transaction `tx` when it belongs to one.
 */
export function securityEventRecorder(
  append: SecurityEventSink,
  now: () => number,
  report: (event: Omit<SecurityEvent, 'seq'>) => void = () => {},
) {
  return async (event: NewSecurityEvent, source: RequestSource, tx?: AuthStore): Promise<void> => {
    const full = { ...event, at: now(), sourceIp: source.ip };
    await append(full, tx);
    report(full);
  };
}

export type RecordSecurityEvent = ReturnType<typeof securityEventRecorder>;

const BROWSERS: readonly [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/curl\//, 'curl'],
  [/node|undici/i, 'Node.js'],
];
const SYSTEMS: readonly [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iOS/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A short, stable label of a User-Agent header (kept instead of the header itself). */
export function userAgentLabel(header: string | undefined): string | null {
  if (header === undefined || header.trim() === '') return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(header))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(header))?.[1];
  if (browser !== undefined && system !== undefined) return `${browser}${ON}${system}`;
  return browser ?? system ?? OTHER_AGENT;
}

/** The label of a header naming no known browser or system. */
export const OTHER_AGENT = 'other';
const ON = ' on ';

/** A stored label's parts, for a page that words it in its reader's language. */
export function agentLabelParts(
  label: string,
): { readonly browser: string; readonly system: string } | null {
  const [browser, system] = label.split(ON);
  return system === undefined ? null : { browser: browser!, system };
}
