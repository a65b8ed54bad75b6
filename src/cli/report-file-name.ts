// The file names of a run's reports (`simulate --out`): a scenario's name is text for people
// and may hold anything, so the files are named from a sanitised form of it, or from --name,
// which must already be a plain file name. Either way the files stay inside --out (decision 0025).
import { basename } from 'node:path';
import { CliFailure } from './program.ts';

/** Letters, digits, `.`, `_` and `-`, starting with a letter or digit, no `..`, at most 100. */
const PLAIN_FILE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,99}$/u;

function isPlainFileName(name: string): boolean {
  return PLAIN_FILE_NAME.test(name) && !name.includes('..') && basename(name) === name;
}

/**
 * The scenario name as a file name: every run of other characters (separators, control
 * characters, bidirectional overrides) and of two or more dots becomes one `-`; leading and
 * trailing `.`, `_`, `-` go; `scenario` when nothing is left.
 */
export function reportFileStem(scenarioName: string): string {
  const stem = scenarioName
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+|\.{2,}/gu, '-')
    .replace(/^[-_.]+/, '')
    .slice(0, 100)
    .replace(/[-_.]+$/, '');
  return isPlainFileName(stem) ? stem : 'scenario';
}

/** The value of `--name`, refused unless it is a plain file name. */
export function reportNameOption(value: string): string {
  if (!isPlainFileName(value)) {
    throw new CliFailure(
      `--name must be a plain file name (letters, digits, ".", "_", "-", starting with a letter or digit, no ".."), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
