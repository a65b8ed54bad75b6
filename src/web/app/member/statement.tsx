// My statement: the reader's posted balance, this period so far (the open period run as if it
// closed now, app/economy/projection.ts) and each posted transfer with its reason, in hours with
// one decimal; a work credit names its weight in plain words. Only the reader's own account is
// read: the page takes no person from the request.
import type { Context, Hono } from 'hono';
import type { AccountTotals, StatementLine } from '../../../app/ports/books-reader.ts';
import type { Explanation } from '../../../core/scenario/index.ts';
import type { WorkSpec } from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import type { Lang } from '../../../i18n/index.ts';
import { renderPoolPage } from '../pool-page.tsx';
import { textOf } from '../render.tsx';
import { hasWebText, webText } from '../texts/index.ts';
import type { WebEnv } from '../web-env.ts';
import { duration, hours, signedHours, weightWords } from './format.ts';
import {
  type ClearedTask,
  clearedTasks,
  type MemberView,
  mineOf,
  openMemberArea,
} from './member-view.ts';
import { StageLine } from './parts.tsx';

/** The newest posted transfers shown. */
const LINES_SHOWN = 50;
const PAGE = 500;

export const personAccountId = (poolId: string, personId: string) => `${poolId}.person.${personId}`;

/** Why a transfer was made, in the reader's language. */
export function reasonOf(lang: Lang, code: string, reference: string | null): string {
  const key = `member.code.${code}`;
  const reason = hasWebText(lang, key)
    ? webText(lang, key)
    : webText(lang, 'member.code.other', { code });
  return reference === null ? reason : `${reason} (${reference})`;
}

export function registerStatement(web: Hono<WebEnv>, deps: HttpDeps): void {
  web.get('/pools/:poolId/statement', async (c) => {
    const view = await openMemberArea(c, deps, 'statement');
    if (view instanceof Response) return view;
    const accountId = personAccountId(view.poolId, view.personId);
    const { account, lines } = await newestLines(deps, view.poolId, accountId);
    const posted = account === undefined ? 0 : account.creditsPosted - account.debitsPosted;
    const projection = view.open ? await deps.economy.projection(view.poolId, view.personId) : null;
    const person = projection?.ok ? (projection.value.person ?? null) : null;
    const cleared = await clearedTasks(deps, view);
    const t = textOf(c);
    const lang = c.get('lang');
    return renderPoolPage(
      c,
      view,
      'statement',
      t('area.statement'),
      <>
        <h1>{t('area.statement')}</h1>
        <StageLine lang={lang} view={view} />
        <dl class="facts balance">
          <dt>{t('member.statement.posted')}</dt>
          <dd>
            <strong>{t('member.hours', { hours: hours(lang, posted) })}</strong>
          </dd>
          {person === null ? null : (
            <>
              <dt>{t('member.statement.projected')}</dt>
              <dd>{t('member.hours', { hours: hours(lang, person.closingEffortMilli) })}</dd>
            </>
          )}
        </dl>
        <p class="hint">{t('member.statement.weightNote')}</p>
        {view.open ? <ThisPeriod c={c} view={view} person={person} cleared={cleared} /> : null}
        <h2 id="posted">{t('member.statement.postedTitle')}</h2>
        {lines.length === 0 ? (
          <p>{t('member.statement.noPosted')}</p>
        ) : (
          <table class="stack" aria-labelledby="posted">
            <thead>
              <tr>
                <th scope="col">{t('member.statement.period')}</th>
                <th scope="col">{t('member.statement.reason')}</th>
                <th scope="col" class="num">
                  {t('member.statement.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr>
                  <td data-label={t('member.statement.period')}>{line.period ?? '—'}</td>
                  <td data-label={t('member.statement.reason')}>
                    {reasonOf(lang, line.code, null)}
                  </td>
                  <td data-label={t('member.statement.amount')} class="num">
                    {signedHours(lang, line.amount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    );
  });
}

/** The account's totals (undefined when it has none yet) and its newest posted transfers,
 *  newest first; each page is read with the totals in one statement. */
async function newestLines(deps: HttpDeps, poolId: string, accountId: string) {
  const all: StatementLine[] = [];
  let account: AccountTotals | undefined;
  for (let after = -1; ; ) {
    const page = await deps.books.statement(poolId, accountId, after, PAGE);
    if (page === undefined) break;
    account = page.account;
    all.push(...page.lines);
    if (page.lines.length < PAGE) break;
    after = page.lines[page.lines.length - 1]!.index;
  }
  const lines = all
    .filter((line) => line.state === 'posted')
    .slice(-LINES_SHOWN)
    .reverse();
  return { account, lines };
}

/** The open period as it stands: each transfer it would post, with the work behind a credit. */
function ThisPeriod(props: {
  c: Context<WebEnv>;
  view: MemberView;
  person: Explanation | null;
  cleared: readonly ClearedTask[] | null;
}) {
  const { c, view, person } = props;
  const t = textOf(c);
  const lang = c.get('lang');
  if (person === null) {
    return (
      <section aria-labelledby="so-far">
        <h2 id="so-far">{t('member.statement.soFar', { period: view.period })}</h2>
        <p>{t('member.statement.notYet')}</p>
        <ConfirmedWork c={c} view={view} cleared={props.cleared} />
      </section>
    );
  }
  const workOf = new Map(person.work.map((w) => [w.recordId, w]));
  return (
    <section aria-labelledby="so-far">
      <h2 id="so-far">{t('member.statement.soFar', { period: view.period })}</h2>
      <p>{t('member.statement.opening', { hours: hours(lang, person.openingEffortMilli) })}</p>
      {person.transfers.length === 0 ? (
        <p>{t('member.statement.noneSoFar')}</p>
      ) : (
        <table class="stack" aria-labelledby="so-far">
          <thead>
            <tr>
              <th scope="col">{t('member.statement.reason')}</th>
              <th scope="col" class="num">
                {t('member.statement.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {person.transfers.map((transfer) => {
              const work = transfer.reference === null ? undefined : workOf.get(transfer.reference);
              const amount =
                transfer.direction === 'credit'
                  ? transfer.amountEffortMilli
                  : -transfer.amountEffortMilli;
              return (
                <tr>
                  <td data-label={t('member.statement.reason')}>
                    {work === undefined
                      ? reasonOf(lang, transfer.code, transfer.reference)
                      : t('member.statement.workLine', {
                          task: work.instanceId,
                          length: duration(lang, work.minutes),
                          weight:
                            work.weightMilli === null ? '—' : weightWords(lang, work.weightMilli),
                        })}
                  </td>
                  <td data-label={t('member.statement.amount')} class="num">
                    {signedHours(lang, amount)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * While the period cannot be projected as a whole (a project has not yet said what its work
 * made), the reader's confirmed work and what it will be credited: minutes × the slot's weight.
 */
function ConfirmedWork(props: {
  c: Context<WebEnv>;
  view: MemberView;
  cleared: readonly ClearedTask[] | null;
}) {
  const t = textOf(props.c);
  const lang = props.c.get('lang');
  const weightOf = (instanceId: string) =>
    props.cleared?.find((task) => task.instanceId === instanceId)?.weightMilli ?? null;
  const confirmed = mineOf<WorkSpec>(props.view, 'work')
    .map((w) => w.record)
    .filter((w) => w.confirmedBy !== null && weightOf(w.instanceId) !== null);
  if (confirmed.length === 0) return null;
  return (
    <ul>
      {confirmed.map((w) => {
        const weightMilli = weightOf(w.instanceId)!;
        return (
          <li>
            {t('member.statement.workLine', {
              task: w.instanceId,
              length: duration(lang, w.minutes),
              weight: weightWords(lang, weightMilli),
            })}
            {': '}
            {signedHours(lang, Math.round((w.minutes * weightMilli) / 60))}
          </li>
        );
      })}
    </ul>
  );
}
