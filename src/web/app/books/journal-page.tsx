// The pool's hash-chained journal a page at a time, and its verification: anyone who may read
// the books presses "verify" and the server recomputes the chain, every transfer and every
// account's totals (the same use case as the API's /verify). A person account shows as "a
// person" to everyone but that person and auditors, so the journal reveals no one's takings.
import type { Context, Hono } from 'hono';
import { personVisibility } from '../../../app/policies/person-visibility.ts';
import type { PoolId } from '../../../core/ids.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { reportFormat } from '../../report/format.ts';
import { Notice } from '../forms.tsx';
import { openPoolArea, renderPoolPage } from '../pool-page.tsx';
import { textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import { booksHref, VerifyButton } from './links.tsx';
import { StackTable } from './stack-table.tsx';

export const JOURNAL_PAGE_SIZE = 50;

const short = (hash: string) => `${hash.slice(0, 12)}…`;

async function journalPage(c: Context<WebEnv>, deps: HttpDeps) {
  const view = await openPoolArea(c, deps, 'books');
  if (view instanceof Response) return view;
  const t = textOf(c);
  const f = reportFormat(c.get('lang'));
  const afterRaw = Number(c.req.query('after') ?? -1);
  const after = Number.isSafeInteger(afterRaw) && afterRaw >= -1 ? afterRaw : -1;
  const lines = await deps.books.journalPage(view.poolId, after, JOURNAL_PAGE_SIZE + 1);
  const shown = lines.slice(0, JOURNAL_PAGE_SIZE);
  const more = lines.length > JOURNAL_PAGE_SIZE;
  const see = personVisibility(c.get('actor'), view.poolId);
  const account = (id: string) => {
    const { person, visible } = see(id);
    return person === null || visible ? id : t('books.aPerson');
  };
  return renderPoolPage(
    c,
    view,
    'books',
    t('books.journal'),
    <>
      <h1>{t('books.journal')}</h1>
      <p>{t('books.journal.lead')}</p>
      <div class="actions">
        <a href={booksHref(view.poolId)}>{t('books.back')}</a>
        <VerifyButton poolId={view.poolId} label={t('books.verify')} />
      </div>
      {shown.length === 0 ? (
        <Notice kind="info">{t('books.journal.empty')}</Notice>
      ) : (
        <StackTable
          class="journal"
          caption={t('books.journal.caption', { from: shown[0]!.index, to: shown.at(-1)!.index })}
          columns={[
            { label: '#', num: true },
            { label: t('books.period.short'), num: true },
            { label: t('books.code') },
            { label: t('books.debit') },
            { label: t('books.credit') },
            { label: t('books.amount'), num: true },
            { label: t('books.hash') },
          ]}
          rows={shown.map((line) => [
            line.index,
            line.period ?? '',
            <>
              <code>{line.code}</code> <span class="muted">{t(`books.entry.${line.kind}`)}</span>
            </>,
            account(line.debitAccountId),
            account(line.creditAccountId),
            line.unit === 'effort' ? f.wh(line.amount) : `${line.amount} ${line.unit}`,
            <code title={line.hash}>{short(line.hash)}</code>,
          ])}
        />
      )}
      <nav aria-label={t('books.journal.pages')} class="actions">
        {after >= 0 ? (
          <a href={booksHref(view.poolId, '/journal')}>{t('books.journal.first')}</a>
        ) : null}
        {more ? (
          <a href={booksHref(view.poolId, `/journal?after=${shown.at(-1)!.index}`)}>
            {t('books.journal.next')}
          </a>
        ) : null}
      </nav>
    </>,
  );
}

async function verifyPage(c: Context<WebEnv>, deps: HttpDeps) {
  const view = await openPoolArea(c, deps, 'books');
  if (view instanceof Response) return view;
  const t = textOf(c);
  const [report] = await deps.ledger.verify([view.poolId as PoolId]);
  const broken = report?.problem !== undefined;
  return renderPoolPage(
    c,
    view,
    'books',
    t('books.verify.title'),
    <>
      <h1>{t('books.verify.title')}</h1>
      {report === undefined || broken ? (
        <Notice kind="refused">
          {t('books.verify.broken', {
            reason: report?.problem?.reason ?? '',
            detail: report?.problem?.detail ?? '',
          })}
        </Notice>
      ) : (
        <Notice kind="ok">{t('books.verify.ok', { entries: report.journalEntries })}</Notice>
      )}
      {report === undefined ? null : (
        <dl class="facts verify-facts">
          <dt>{t('books.verify.entries')}</dt>
          <dd>{report.journalEntries}</dd>
          <dt>{t('books.verify.transfers')}</dt>
          <dd>{report.transfers}</dd>
          <dt>{t('books.verify.accounts')}</dt>
          <dd>{report.accounts}</dd>
          <dt>{t('books.verify.head')}</dt>
          <dd>
            <code class="hash">{report.headHash}</code>
          </dd>
          <dt>{t('books.verify.sum')}</dt>
          <dd>
            {Object.entries(report.balanceSumByUnit)
              .map(([unit, sum]) => `${unit}: ${sum}`)
              .join(', ')}
          </dd>
        </dl>
      )}
      <div class="actions">
        <a href={booksHref(view.poolId, '/journal')}>{t('books.journal')}</a>
        <a href={booksHref(view.poolId)}>{t('books.back')}</a>
      </div>
    </>,
  );
}

export function registerJournalPages(web: Hono<WebEnv>, deps: HttpDeps) {
  web.get('/pools/:poolId/books/journal', (c) => journalPage(c, deps));
  web.get('/pools/:poolId/books/verify', (c) => verifyPage(c, deps));
}
