// The second sign-in factor (ASVS 5.0 §6.3, §6.5; decision 0060): an account may add a TOTP
// authenticator app. Enrolling makes a fresh secret that takes effect only once a right code
// confirms it; confirming hands out ten one-time recovery codes, shown once and kept as SHA-256;
// turning it off takes the password and a code. At sign-in, an account with the factor gets a
// pending sign-in from the password step, which a TOTP or recovery code completes. A code's
// step is taken once per account, so a code seen over a shoulder cannot be used again; every
// wrong code counts toward the login's lock like a wrong password.
import { failure, ok, type Result } from '../../core/result.ts';
import type { AuthStore } from '../ports/auth-store.ts';
import type { SecondFactorStore } from '../ports/second-factor-store.ts';
import type { RequestContext } from './account-writes.ts';
import type { AuthService } from './auth-service.ts';
import type { PasswordHasher } from './passwords.ts';
import type { PendingSignIns } from './pending-sign-ins.ts';
import { type RandomBytes, secretSha256 } from './secrets.ts';
import type { RecordSecurityEvent, SecurityEventKind } from './security-events.ts';
import { base32Decode, base32Encode, matchingStep, otpauthUri } from './totp.ts';

export type SecondFactorFailureCode =
  | 'auth.second_factor_on'
  | 'auth.second_factor_off'
  | 'auth.invalid_code'
  | 'auth.wrong_current_password'
  | 'auth.pending_sign_in_invalid'
  | 'auth.locked'
  | 'auth.unknown_account';

type Refusal = { code: SecondFactorFailureCode; detail: string };

/** 160 bits, the secret length RFC 4226 recommends for HMAC-SHA-1. */
const SECRET_BYTES = 20;
export const RECOVERY_CODES = 10;
/** 10 base32 characters: 50 bits each, shown as two groups of five. */
const RECOVERY_CODE_CHARS = 10;
export const TOTP_ISSUER = 'Peerconomy';

export interface Enrolment {
  readonly secretBase32: string;
  readonly otpauthUri: string;
}

export interface SecondFactorStatus {
  readonly enabled: boolean;
  /** A secret was made and waits for its first code. */
  readonly awaitingConfirmation: boolean;
  readonly recoveryCodesLeft: number;
}

/** Lower case, without spaces and dashes: how a recovery code is compared. */
const normalised = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');
const recoverySha256 = (accountId: string, code: string) =>
  secretSha256(`${accountId}:${normalised(code)}`);

export function createSecondFactor(deps: {
  readonly store: SecondFactorStore;
  readonly authStore: AuthStore;
  readonly auth: AuthService;
  readonly pending: PendingSignIns;
  readonly passwords: PasswordHasher;
  readonly now: () => number;
  readonly random: RandomBytes;
  /** Where security events go (decision 0059); none: not recorded. */
  readonly events?: RecordSecurityEvent;
}) {
  const { store, auth, now } = deps;
  const event = deps.events ?? (async () => {});
  const accountEvent = (
    kind: SecurityEventKind,
    accountId: string,
    login: string | null,
    context: RequestContext,
  ) => event({ kind, accountId, login, detail: {} }, context.source);
  const { lockout } = auth;

  const lockedRefusal = (login: string): Result<never, Refusal> | null => {
    const locked = lockout.lockedFor(login);
    if (locked === null) return null;
    const minutes = Math.ceil(locked / 60_000);
    return failure(
      'auth.locked',
      `too many wrong tries for this login; try again in ${minutes} min`,
    );
  };

  /** Whether a code is right for the account: a TOTP code of an untaken step, or an unused
   *  recovery code (then used up). */
  async function takeCode(accountId: string, code: string): Promise<boolean> {
    const factor = await store.findTotp(accountId);
    if (factor === undefined || factor.confirmedAt === null) return false;
    const trimmed = code.trim();
    if (/^[0-9]{6}$/.test(trimmed)) {
      const secret = base32Decode(factor.secretBase32);
      const step = secret === null ? null : matchingStep(secret, trimmed, now());
      return step !== null && (await store.takeTotpStep(accountId, step));
    }
    if (normalised(trimmed).length !== RECOVERY_CODE_CHARS) return false;
    return store.useRecoveryCode(accountId, recoverySha256(accountId, trimmed), now());
  }

  function newRecoveryCodes(): string[] {
    return Array.from({ length: RECOVERY_CODES }, () => {
      const text = base32Encode(deps.random(7)).toLowerCase().slice(0, RECOVERY_CODE_CHARS);
      return `${text.slice(0, 5)}-${text.slice(5)}`;
    });
  }

  return {
    async status(accountId: string): Promise<SecondFactorStatus> {
      const factor = await store.findTotp(accountId);
      const enabled = factor !== undefined && factor.confirmedAt !== null;
      return {
        enabled,
        awaitingConfirmation: factor !== undefined && !enabled,
        recoveryCodesLeft: enabled ? await store.unusedRecoveryCodes(accountId) : 0,
      };
    },

    /** A fresh secret for the account's authenticator app; not asked for until confirmed. */
    async enrol(accountId: string): Promise<Result<Enrolment, Refusal>> {
      const account = await deps.authStore.findAccount(accountId);
      if (account === undefined)
        return failure('auth.unknown_account', `no account "${accountId}"`);
      const secret = deps.random(SECRET_BYTES);
      const secretBase32 = base32Encode(secret);
      if (!(await store.putUnconfirmedTotp(accountId, secretBase32, now()))) {
        return failure('auth.second_factor_on', 'the second factor is on; turn it off first');
      }
      return ok({ secretBase32, otpauthUri: otpauthUri(TOTP_ISSUER, account.login, secret) });
    },

    /** The secret made by `enrol` while it waits for its first code (to show it again). */
    async unconfirmedEnrolment(accountId: string): Promise<Enrolment | null> {
      const factor = await store.findTotp(accountId);
      const account = await deps.authStore.findAccount(accountId);
      const secret = factor === undefined ? null : base32Decode(factor.secretBase32);
      if (factor?.confirmedAt !== null || account === undefined || secret === null) return null;
      return {
        secretBase32: factor.secretBase32,
        otpauthUri: otpauthUri(TOTP_ISSUER, account.login, secret),
      };
    },

    /** The first right code turns the factor on; the recovery codes are answered this once. */
    async confirm(
      accountId: string,
      code: string,
      context: RequestContext,
    ): Promise<Result<{ readonly recoveryCodes: string[] }, Refusal>> {
      const factor = await store.findTotp(accountId);
      if (factor === undefined)
        return failure('auth.second_factor_off', 'start the enrolment first');
      if (factor.confirmedAt !== null)
        return failure('auth.second_factor_on', 'the second factor is on already');
      const secret = base32Decode(factor.secretBase32);
      const step = secret === null ? null : matchingStep(secret, code.trim(), now());
      if (step === null) return failure('auth.invalid_code', 'the code is wrong or too old');
      const recoveryCodes = newRecoveryCodes();
      const hashes = recoveryCodes.map((recovery) => recoverySha256(accountId, recovery));
      if (!(await store.confirmTotp(accountId, step, now(), hashes))) {
        return failure('auth.second_factor_on', 'the second factor is on already');
      }
      await accountEvent('second_factor.on', accountId, null, context);
      return ok({ recoveryCodes });
    },

    /** Turns the factor off, given the password and a code (TOTP or recovery). */
    async disable(accountId: string, password: string, code: string, context: RequestContext) {
      const account = await deps.authStore.findAccount(accountId);
      if (account === undefined)
        return failure('auth.unknown_account', `no account "${accountId}"`);
      const locked = lockedRefusal(account.login);
      if (locked !== null) return locked;
      const passwordRight =
        account.passwordHash !== null &&
        (await deps.passwords.verify(account.passwordHash, password));
      if (!passwordRight) {
        lockout.failed(account.login);
        await accountEvent('second_factor.off_refused', accountId, null, context);
        return failure('auth.wrong_current_password', 'the current password is wrong');
      }
      if (!(await takeCode(accountId, code))) {
        lockout.failed(account.login);
        await accountEvent('second_factor.off_refused', accountId, null, context);
        return failure('auth.invalid_code', 'the code is wrong, used or too old');
      }
      await store.removeSecondFactor(accountId);
      await accountEvent('second_factor.off', accountId, null, context);
      return ok({ accountId });
    },

    /** The second step of a sign-in: a right code turns the pending sign-in into a session. */
    async completeSignIn(
      pendingToken: string,
      code: string,
      context: RequestContext,
    ): Promise<Result<{ readonly accountId: string; readonly token: string }, Refusal>> {
      const waiting = deps.pending.find(pendingToken);
      if (waiting === undefined) {
        return failure('auth.pending_sign_in_invalid', 'the sign-in has expired; start again');
      }
      const locked = lockedRefusal(waiting.login);
      if (locked !== null) return locked;
      if (!(await takeCode(waiting.accountId, code))) {
        lockout.failed(waiting.login);
        await accountEvent('sign_in.code_failed', waiting.accountId, waiting.login, context);
        return failure('auth.invalid_code', 'the code is wrong, used or too old');
      }
      deps.pending.end(pendingToken);
      lockout.clear(waiting.login);
      const token = await auth.startSession(waiting.accountId, context.source);
      await accountEvent('sign_in.succeeded', waiting.accountId, waiting.login, context);
      return ok({ accountId: waiting.accountId, token });
    },
  };
}

export type SecondFactor = ReturnType<typeof createSecondFactor>;
