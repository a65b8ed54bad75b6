// Form pieces every screen uses: a labelled field with its hint and its refusal next to it
// (tied together for screen readers), and the hidden idempotency key that makes a form sent
// twice (a double click, a reload) count once.
import { randomUUID } from 'node:crypto';
import type { Child } from 'hono/jsx';

export interface FieldProps {
  readonly name: string;
  /** The control's id, when a page has several forms with a field of this name. */
  readonly id?: string;
  readonly label: string;
  readonly type?: string;
  readonly value?: string | number;
  readonly hint?: string;
  /** The refusal to show next to the field, in the reader's language. */
  readonly error?: string | null;
  readonly required?: boolean;
  readonly autocomplete?: string;
  readonly inputmode?: 'numeric' | 'decimal' | 'text';
  readonly min?: number;
  readonly max?: number;
  readonly step?: number | 'any';
  /** Another control instead of an input (a select, a textarea), given the same id. */
  readonly control?: Child;
}

export function Field(props: FieldProps) {
  const id = props.id ?? `f-${props.name}`;
  const described = [props.hint ? `${id}-hint` : null, props.error ? `${id}-error` : null]
    .filter((x) => x !== null)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.control ?? (
        <input
          id={id}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.value === undefined ? undefined : String(props.value)}
          required={props.required}
          autocomplete={props.autocomplete}
          inputmode={props.inputmode}
          min={props.min}
          max={props.max}
          step={props.step}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={described === '' ? undefined : described}
        />
      )}
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export const FORM_KEY = 'formKey';

/** A fresh idempotency key for one rendering of a form. */
export const FormKey = () => <input type="hidden" name={FORM_KEY} value={randomUUID()} />;

/** The form's idempotency key, or a fresh one when the form came without (a hand-made post). */
export const formKeyOf = (form: Readonly<Record<string, unknown>>): string => {
  const key = form[FORM_KEY];
  return typeof key === 'string' && /^[\w-]{8,100}$/.test(key) ? key : randomUUID();
};

/** A notice at the top of a page: what happened, or what was refused and why. */
export const Notice = ({
  kind,
  children,
}: {
  kind: 'ok' | 'refused' | 'info';
  children?: Child;
}) => (
  <div class={`notice ${kind}`} role={kind === 'refused' ? 'alert' : 'status'}>
    {children}
  </div>
);
