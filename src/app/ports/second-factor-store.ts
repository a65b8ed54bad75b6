// What the second sign-in factor needs from a database (a port, implemented in src/storage):
// one TOTP secret per account, the step of the last code taken, and one-time recovery codes
// kept only as SHA-256.

export interface TotpRow {
  readonly accountId: string;
  /** The secret in base32, as the authenticator app was given it. */
  readonly secretBase32: string;
  readonly createdAt: number;
  /** Null until a right code confirmed the enrolment. */
  readonly confirmedAt: number | null;
  /** The step of the last code taken (null: none yet). */
  readonly lastStep: number | null;
}

export interface SecondFactorStore {
  findTotp(accountId: string): Promise<TotpRow | undefined>;
  /** A new, unconfirmed secret in place of an unconfirmed one; false when one is confirmed. */
  putUnconfirmedTotp(accountId: string, secretBase32: string, createdAt: number): Promise<boolean>;
  /**
   * Confirms the unconfirmed secret, taking `step`, and stores the recovery codes (replacing
   * any); false when there is none unconfirmed (another request confirmed it first).
   */
  confirmTotp(
    accountId: string,
    step: number,
    at: number,
    recoveryCodeSha256s: readonly string[],
  ): Promise<boolean>;
  /** Takes a step if it is later than the last one taken; one caller wins a race. */
  takeTotpStep(accountId: string, step: number): Promise<boolean>;
  /** Marks an unused recovery code used; false when it is unknown or used. */
  useRecoveryCode(accountId: string, codeSha256: string, at: number): Promise<boolean>;
  unusedRecoveryCodes(accountId: string): Promise<number>;
  /** Removes the secret and the recovery codes. */
  removeSecondFactor(accountId: string): Promise<void>;
}
