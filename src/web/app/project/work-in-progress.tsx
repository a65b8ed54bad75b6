// The project's work in progress (MODEL.md: a period closes when the effort credited to a
// project's work equals what it made, at effort prices, plus the change in its work in
// progress). Without this form a project whose work is not all in finished goods could not
// close its period from the page.
import { Field, FormKey } from '../forms.tsx';
import { webText } from '../texts/index.ts';
import type { PageRefusal, ProjectPageProps } from './project-page.tsx';

/** Hours with up to three decimals ("2.4", "-1,25") as signed milli-hours; null if not one. */
export function parseSignedHoursMilli(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = text.trim().match(/^([+-]?)(\d{1,7})(?:[.,](\d{1,3}))?$/);
  if (match === null) return null;
  const milli = Number(match[2]) * 1000 + Number((match[3] ?? '').padEnd(3, '0'));
  return match[1] === '-' ? -milli : milli;
}

export function WorkInProgress(
  props: ProjectPageProps & {
    readonly action: string;
    readonly refusal: PageRefusal | null;
  },
) {
  const t = (key: string, params = {}) => webText(props.lang, key, params);
  if (!props.plans) return null;
  const error = props.refusal?.form === 'wip' ? props.refusal.message : null;
  return (
    <section aria-labelledby="wip">
      <h2 id="wip">{t('projects.wip.title')}</h2>
      <p>{t('projects.wip.explained')}</p>
      <form class="stack" method="post" action={props.action}>
        <FormKey />
        <Field
          name="changeHours"
          label={t('projects.wip.change')}
          value={props.values.changeHours ?? ''}
          inputmode="decimal"
          hint={t('projects.wip.hint')}
          required
          error={error}
        />
        <div class="actions">
          <button type="submit">{t('projects.wip.submit')}</button>
        </div>
      </form>
    </section>
  );
}
