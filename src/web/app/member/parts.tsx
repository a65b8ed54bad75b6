// Small pieces the member pages share: the period's stage in a sentence, and a task's time and
// place when the pool gave them.
import type { TaskSpec } from '../../../core/scenario/types.ts';
import type { Lang } from '../../../i18n/index.ts';
import { Notice } from '../forms.tsx';
import { hasWebText, webText } from '../texts/index.ts';
import { startTime } from './format.ts';
import type { MemberView } from './member-view.ts';

export function StageLine({ lang, view }: { lang: Lang; view: MemberView }) {
  const stage = view.status.cycle.stage;
  return (
    <p class="stage">
      {view.open
        ? webText(lang, `member.stage.${stage}`, { period: view.period })
        : webText(lang, 'member.stage.none')}
    </p>
  );
}

export function TaskWhen(props: {
  lang: Lang;
  task: TaskSpec | undefined;
  timeZone: string | undefined;
}) {
  const { task, lang } = props;
  if (task?.start === undefined && task?.place === undefined) return null;
  return (
    <p class="when">
      {task.start === undefined ? null : <span>{startTime(lang, task.start, props.timeZone)}</span>}
      {task.start !== undefined && task.place !== undefined ? ' · ' : null}
      {task.place === undefined ? null : <span>{task.place}</span>}
    </p>
  );
}

/** A labelled text input of one of several forms on a page (its id names the form), with its
 *  hint and its refusal next to it, tied together for screen readers. */
export function InlineField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  hint?: string;
  error: string | null;
  inputmode: 'numeric' | 'decimal';
}) {
  const { id } = props;
  const described = [props.hint ? `${id}-hint` : null, props.error ? `${id}-error` : null]
    .filter((x) => x !== null)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type="text"
        inputmode={props.inputmode}
        autocomplete="off"
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described === '' ? undefined : described}
      />
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

/** What a form did, from the `?done=` its redirect carried: shown when the page has a text
 *  for it (a made-up value shows nothing). */
export function DoneNotice(props: { lang: Lang; prefix: string; done: string | undefined }) {
  const key = `${props.prefix}.${props.done}`;
  if (props.done === undefined || !/^[a-zA-Z]+$/.test(props.done) || !hasWebText(props.lang, key)) {
    return null;
  }
  return <Notice kind="ok">{webText(props.lang, key)}</Notice>;
}
