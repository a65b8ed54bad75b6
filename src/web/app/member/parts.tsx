// Small pieces the member pages share: the period's stage in a sentence, and a task's time and
// place when the pool gave them.
import type { TaskSpec } from '../../../core/scenario/types.ts';
import type { Lang } from '../../../i18n/index.ts';
import { Field, Notice } from '../forms.tsx';
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
 *  hint and its refusal next to it: the shared field with the page's own id. */
export function InlineField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  hint?: string;
  error: string | null;
  inputmode: 'numeric' | 'decimal';
}) {
  return <Field {...props} autocomplete="off" />;
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
