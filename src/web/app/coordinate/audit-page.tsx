// The pool's audit log for a coordinator, a page at a time, oldest first: role changes, period
// steps, links handed out, and inputs given in office mode with the person acted for.
import type { Hono } from 'hono';
import type { AuditEntry } from '../../../app/ports/auth-store.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import type { Lang } from '../../../i18n/index.ts';
import { hasWebText, webText } from '../texts/index.ts';
import type { WebEnv } from '../web-env.ts';
import { coordinateHref, openCoordinate, renderCoordinatePage } from './coordinate-nav.tsx';

export const AUDIT_PAGE_SIZE = 25;

const actionText = (lang: Lang, action: string) =>
  hasWebText(lang, `coord.audit.action.${action}`)
    ? webText(lang, `coord.audit.action.${action}`)
    : action;

/** The detail as short text: a step's period and stage, else its fields. */
function detailText(detail: unknown): string {
  if (detail === null || typeof detail !== 'object') return String(detail ?? '');
  return Object.entries(detail as Record<string, unknown>)
    .map(
      ([key, value]) =>
        `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
    )
    .join(', ');
}

function AuditTable(props: {
  lang: Lang;
  entries: readonly AuditEntry[];
  logins: ReadonlyMap<string, string>;
}) {
  const { lang } = props;
  const t = (key: string) => webText(lang, key);
  return (
    <table class="stack">
      <thead>
        <tr>
          <th class="num">#</th>
          <th>{t('coord.audit.at')}</th>
          <th>{t('coord.audit.who')}</th>
          <th>{t('coord.audit.forWhom')}</th>
          <th>{t('coord.audit.what')}</th>
          <th>{t('coord.audit.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => (
          <tr>
            <td class="num" data-label="#">
              {e.seq}
            </td>
            <td data-label={t('coord.audit.at')}>
              {new Date(e.at).toISOString().slice(0, 16).replace('T', ' ')}
            </td>
            <td data-label={t('coord.audit.who')}>
              {props.logins.get(e.actorAccountId) ?? e.actorAccountId}
            </td>
            <td data-label={t('coord.audit.forWhom')}>
              {e.onBehalfOf === null
                ? '—'
                : webText(lang, 'coord.audit.office', { person: e.onBehalfOf })}
            </td>
            <td data-label={t('coord.audit.what')}>{actionText(lang, e.action)}</td>
            <td data-label={t('coord.audit.detail')} class="detail">
              {detailText(e.detail)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function registerAuditPage(web: Hono<WebEnv>, deps: HttpDeps): void {
  web.get('/pools/:poolId/coordinate/audit', async (c) => {
    const pool = await openCoordinate(c, deps);
    if (pool instanceof Response) return pool;
    const lang = c.get('lang');
    const afterText = c.req.query('after') ?? '';
    const after = /^\d{1,12}$/.test(afterText) ? Number(afterText) : -1;
    // One more than shown tells whether a next page exists.
    const fetched = await deps.authStore.auditPage(pool.poolId, after, AUDIT_PAGE_SIZE + 1);
    const entries = fetched.slice(0, AUDIT_PAGE_SIZE);
    const logins = new Map<string, string>();
    for (const id of new Set(entries.map((e) => e.actorAccountId))) {
      const account = await deps.authStore.findAccount(id);
      if (account !== undefined) logins.set(id, account.login);
    }
    const href = coordinateHref(pool.poolId, 'audit');
    return renderCoordinatePage(
      c,
      pool,
      'audit',
      <>
        <p class="lead">{webText(lang, 'coord.audit.lead')}</p>
        {entries.length === 0 ? (
          <p>{webText(lang, 'coord.audit.none')}</p>
        ) : (
          <AuditTable lang={lang} entries={entries} logins={logins} />
        )}
        <nav class="actions" aria-label={webText(lang, 'coord.audit.pages')}>
          {after >= 0 ? <a href={href}>{webText(lang, 'coord.audit.first')}</a> : null}
          {fetched.length > AUDIT_PAGE_SIZE ? (
            <a href={`${href}?after=${entries.at(-1)!.seq}`} rel="next">
              {webText(lang, 'coord.audit.next')}
            </a>
          ) : null}
        </nav>
      </>,
    );
  });
}
