// What the mechanism sections share: a section of plain tables, one (or a few) per period that
// uses the mechanism, and none at all when no period does, so a report without the mechanism
// renders exactly as before.
import type { ReportPeriod } from '../report-doc.ts';
import type { ReportContext, Section } from '../section.ts';
import { renderTable, type TableSpec } from '../table.ts';

/** A table of one period, captioned "Period N: what". */
export function periodTable(
  ctx: ReportContext,
  period: number,
  spec: Omit<TableSpec, 'caption'> & { readonly what: string },
): string {
  const { what, ...rest } = spec;
  return renderTable({ ...rest, caption: ctx.t('mechanisms.caption', { period, what }) });
}

/**
 * The section `id` with the texts `<key>.title` and `<key>.note`, holding the tables `tablesOf`
 * builds for each period (none for a period without the mechanism); null when there are none.
 */
export function mechanismSection(
  ctx: ReportContext,
  id: string,
  key: string,
  tablesOf: (period: ReportPeriod) => readonly string[],
): Section | null {
  return tablesSection(ctx, id, key, ctx.doc.periods.flatMap(tablesOf));
}

/** The section `id` (after the context's prefix) with the texts `<key>.title` and `<key>.note`
 *  and `tables`, all shown (or all folded: `fold = 'all'`); null without. */
export function tablesSection(
  ctx: ReportContext,
  id: string,
  key: string,
  tables: readonly string[],
  fold: false | 'all' = false,
): Section | null {
  if (tables.length === 0) return null;
  const title = ctx.t(`${key}.title`);
  // Short tables, one period after the other: all shown, so a reader sees how they change.
  return {
    id: `${ctx.idPrefix}${id}`,
    title,
    note: ctx.t(`${key}.note`),
    svg: null,
    tables,
    fold,
  };
}

/** A period number, or the "none" dash for null. */
export function periodOrNone(ctx: ReportContext, period: number | null): string {
  return period === null ? ctx.t('report.none') : String(period);
}

/** A count, or the "none" dash for null. */
export function integerOrNone(ctx: ReportContext, value: number | null): string {
  return value === null ? ctx.t('report.none') : ctx.f.integer(value);
}

/** An amount in WH, or the "none" dash for null. */
export function whOrNone(ctx: ReportContext, effortMilli: number | null): string {
  return effortMilli === null ? ctx.t('report.none') : ctx.f.wh(effortMilli);
}

/** Ids as one cell: comma-separated, the dash for an empty list. */
export function listOrNone(ctx: ReportContext, ids: readonly (string | number)[]): string {
  return ids.length === 0 ? ctx.t('report.none') : ids.join(', ');
}
