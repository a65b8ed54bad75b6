// Proves the CSV writing every export uses: RFC 4180 (header, CRLF, quoting of commas, quotes and
// line breaks) and OWASP's neutralising of cells a spreadsheet would run as formulas, while
// plain numbers, negative ones too, stay numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LedgerUnit } from '../../core/ledger/index.ts';
import { csvCell, formatAmount, toCsv } from './csv.ts';

test('cells starting with = + - @ tab or carriage return are neutralised; numbers are not', () => {
  assert.equal(csvCell('=HYPERLINK("http://x")'), `'=HYPERLINK("http://x")`);
  assert.equal(csvCell('+1+2'), "'+1+2");
  assert.equal(csvCell('-2+3'), "'-2+3");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('\tcmd'), "'\tcmd");
  assert.equal(csvCell('\rcmd'), "'\rcmd");
  assert.equal(csvCell('-1.500'), '-1.500');
  assert.equal(csvCell('-7'), '-7');
  assert.equal(csvCell('a=b'), 'a=b');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(false), 'false');
});

test('a header row, CRLF line ends, and quotes only where a field needs them', () => {
  const text = toCsv(
    ['id', 'note'],
    [
      ['a', 'plain'],
      ['b', 'comma, inside'],
      ['c', 'a "quoted" word'],
      ['d', 'two\nlines'],
      ['e', '=1+1'],
    ],
  );
  assert.equal(
    text,
    'id,note\r\na,plain\r\nb,"comma, inside"\r\nc,"a ""quoted"" word"\r\nd,"two\nlines"\r\ne,\'=1+1\r\n',
  );
});

test('amounts are exact decimals of their integer unit', () => {
  assert.equal(formatAmount(1, 'effort'), '0.001');
  assert.equal(formatAmount(-9000, 'effort'), '-9.000');
  assert.equal(formatAmount(123456789012, 'effort'), '123456789.012');
  assert.equal(formatAmount(-5, 'money:EUR' as LedgerUnit), '-0.05');
  assert.equal(formatAmount(120034, 'money:EUR' as LedgerUnit), '1200.34');
});
