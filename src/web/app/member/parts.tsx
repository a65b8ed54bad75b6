// Small pieces the member pages share: the period's stage in a sentence, and a task's time and
// place when the pool gave them.
import type { TaskSpec } from '../../../core/scenario/types.ts';
import type { Lang } from '../../../i18n/index.ts';
import { webText } from '../texts/index.ts';
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
