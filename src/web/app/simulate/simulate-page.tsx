// Simulate (issue 16): a signed-in reader uploads a scenario file or edits one in the page,
// runs it apart from the server with limits on size and time, and reads the report in the
// page. The report is the same HTML report as `peerconomy simulate --html`, its body put in
// the page (its own styles are left out: the app's stylesheet shows its tables and charts).
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { raw } from 'hono/html';
import type { HttpDeps } from '../../../http/deps.ts';
import { Field } from '../forms.tsx';
import { render, textOf } from '../render.tsx';
import { refusalText } from '../texts/index.ts';
import type { WebEnv } from '../web-env.ts';
import { runSimulation, simulateLimits } from './sandbox.ts';

/** Room a form's fields and boundaries take besides the file. */
const FORM_OVERHEAD_BYTES = 16 * 1024;

/** The scenario the form starts with: two people and one task. */
export const STARTER = `name: my-scenario
pool: { id: p }
persons: [{ id: ada }, { id: bo }]
projects: [{ id: bakery, maintainers: [bo] }]
periods:
  - tasks:
      - { id: bake1, templateId: bake, projectId: bakery, slots: 1, minutesPerSlot: 120 }
    bids:
      - { personId: ada, instanceId: bake1, weightMilli: 1000 }
`;

interface SimulateForm {
  readonly text: string;
  readonly error: string | null;
  readonly report: string | null;
}

/** The report's document, cut to what may sit inside the page: its header, main and footer
 *  as plain blocks (one main landmark per page), without its own styles. */
export function reportBody(html: string): string {
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  return body
    .replace(/<header id="report-head">/, '<div class="report-head">')
    .replace(/<\/header>/, '</div>')
    .replace(/<main>/, '<div class="report-main">')
    .replace(/<\/main>/, '</div>')
    .replace(/<footer id="report-footer">/, '<div class="report-footer muted">')
    .replace(/<\/footer>/, '</div>')
    .replace(/<h1>/, '<h2>')
    .replace(/<\/h1>/, '</h2>');
}

function simulatePage(
  c: Context<WebEnv>,
  form: SimulateForm,
  status: 200 | 400 | 408 | 413 | 503 = 200,
) {
  const t = textOf(c);
  const limits = simulateLimits();
  return render(
    c,
    t('sim.title'),
    <>
      <h1>{t('sim.title')}</h1>
      <p>{t('sim.lead')}</p>
      <form method="post" action="/simulate" enctype="multipart/form-data" class="stack wide">
        <Field
          name="file"
          type="file"
          label={t('sim.file')}
          hint={t('sim.fileHint', { kib: Math.floor(limits.maxBytes / 1024) })}
        />
        <Field
          name="text"
          label={t('sim.text')}
          hint={t('sim.textHint', { seconds: Math.ceil(limits.timeoutMs / 1000) })}
          error={form.error}
          control={
            <textarea
              id="f-text"
              name="text"
              class="scenario"
              rows={16}
              spellcheck={false}
              aria-invalid={form.error === null ? undefined : 'true'}
              aria-describedby={form.error === null ? 'f-text-hint' : 'f-text-hint f-text-error'}
            >
              {form.text}
            </textarea>
          }
        />
        <div class="actions">
          <button type="submit">{t('sim.run')}</button>
        </div>
      </form>
      {form.report === null ? null : (
        <section aria-labelledby="sim-report" class="report-frame">
          <h2 id="sim-report" class="visually-hidden">
            {t('sim.report')}
          </h2>
          {raw(reportBody(form.report))}
        </section>
      )}
    </>,
    status,
  );
}

const STATUS_OF: Record<string, 400 | 408 | 413 | 503> = {
  'simulate.too_long': 408,
  'simulate.too_large': 413,
  'simulate.busy': 503,
};

/** A refusal of the run in the reader's language, with the limit it met. */
export function simulateRefusal(c: Context<WebEnv>, code: string, detail: string) {
  const limits = simulateLimits();
  const t = textOf(c);
  if (code.startsWith('simulate.')) {
    return t(`sim.refused.${code.slice('simulate.'.length)}`, {
      seconds: Math.ceil(limits.timeoutMs / 1000),
      kib: Math.floor(limits.maxBytes / 1024),
      detail,
    });
  }
  // A whole scenario is refused here, not one input of a pool: say so.
  if (code === 'scenario.invalid') return t('sim.refused.invalid', { detail });
  return refusalText(c.get('lang'), code, detail);
}

async function runPosted(c: Context<WebEnv>) {
  const body = await c.req.parseBody();
  const file = body.file;
  const uploaded = file instanceof File && file.size > 0 ? await file.text() : null;
  const text = uploaded ?? String(body.text ?? '');
  const fileName = file instanceof File && file.size > 0 ? file.name : 'scenario.yaml';
  const limits = simulateLimits();
  const tooLarge = (code: string) =>
    simulatePage(c, { text: '', error: simulateRefusal(c, code, ''), report: null }, 413);
  if (Buffer.byteLength(text) > limits.maxBytes) return tooLarge('simulate.too_large');
  if (text.trim() === '') {
    return simulatePage(c, { text, error: textOf(c)('sim.empty'), report: null }, 400);
  }
  const answer = await runSimulation(
    { kind: 'report', text, fileName, lang: c.get('lang') },
    limits,
  );
  if (!answer.ok) {
    const error = simulateRefusal(c, answer.code, answer.detail);
    return simulatePage(c, { text, error, report: null }, STATUS_OF[answer.code] ?? 400);
  }
  return simulatePage(c, {
    text,
    error: null,
    report: answer.kind === 'report' ? answer.html : null,
  });
}

/** Only a signed-in account runs simulations: they cost the server's time. */
function signedIn(c: Context<WebEnv>): Response | null {
  if (c.get('actor').accountId !== null) return null;
  return c.redirect(`/sign-in?next=${encodeURIComponent('/simulate')}`, 303);
}

export function registerSimulatePage(web: Hono<WebEnv>, _deps: HttpDeps) {
  web.get(
    '/simulate',
    (c) => signedIn(c) ?? simulatePage(c, { text: STARTER, error: null, report: null }),
  );
  web.post(
    '/simulate',
    (c, next) =>
      bodyLimit({
        maxSize: simulateLimits().maxBytes + FORM_OVERHEAD_BYTES,
        onError: (c) =>
          simulatePage(
            c as Context<WebEnv>,
            {
              text: '',
              error: simulateRefusal(c as Context<WebEnv>, 'simulate.too_large', ''),
              report: null,
            },
            413,
          ),
      })(c, next),
    (c) => signedIn(c) ?? runPosted(c),
  );
}
