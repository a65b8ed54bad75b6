// Writing a bench's figures into its own section of docs/RELIABILITY.md ("## Title" up to the
// next "## "), with the machine and date, leaving the other sections as they are.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'RELIABILITY.md');
/** Where a section's figures start: after the section's own text, at this marker. */
const MARKER = '<!-- figures -->';

export function machine(): string {
  const date = new Date().toISOString().slice(0, 10);
  return `${date}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, Node.js ${process.version}`;
}

/** Replaces the figures of section `title` (what follows its marker) with `lines`. */
export function saveSection(title: string, lines: readonly string[]): void {
  const text = readFileSync(DOC, 'utf8');
  const start = text.indexOf(`## ${title}\n`);
  if (start < 0) throw new Error(`docs/RELIABILITY.md has no section "${title}"`);
  const next = text.indexOf('\n## ', start + 1);
  const end = next < 0 ? text.length : next + 1;
  const section = text.slice(start, end);
  const marker = section.indexOf(MARKER);
  if (marker < 0) throw new Error(`section "${title}" has no ${MARKER}`);
  const updated = `${section.slice(0, marker + MARKER.length)}\n\n${lines.join('\n')}\n\n`;
  writeFileSync(DOC, text.slice(0, start) + updated + text.slice(end));
}
