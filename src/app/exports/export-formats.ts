// The names of the pool's exports, apart from the code that renders them: the command line
// lists them in its help without loading the renderers (the calendar, CSV and JSON-LD ones).
export const EXPORT_FORMATS = [
  'csv-members',
  'csv-transfers',
  'csv-statements',
  'csv-work',
  'valueflows',
  'ical',
  'hledger',
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];
