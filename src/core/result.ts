// Typed results for expected failures. A failure carries a stable string `code`
// (shown on the wire as RFC 9457 problem+json and used as an i18n key) and a
// human-readable `detail` for logs and developers.

export interface Failure<Code extends string = string> {
  readonly code: Code;
  readonly detail: string;
}

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E = Failure> = Ok<T> | Err<E>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}

export function failure<Code extends string>(code: Code, detail: string): Err<Failure<Code>> {
  return { ok: false, error: { code, detail } };
}
