// Checks on a page's HTML that axe-core no longer makes: every id on the page is unique, so a
// label, a hint or an error names one control.

/** The ids that occur more than once in `html`, each once, in order of first repeat. */
export function duplicateIds(html: string): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const match of html.matchAll(/<[a-zA-Z][^>]*?\sid="([^"]*)"/g)) {
    const id = match[1]!;
    if (seen.has(id)) repeated.add(id);
    seen.add(id);
  }
  return [...repeated];
}
