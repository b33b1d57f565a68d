import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.js';

const values = (text: string): string[][] =>
  readCsv(text).records.map((record) => record.cells.map((cell) => cell.value));

describe('readCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks (RFC 4180)', () => {
    expect(values('a,"b,c","say ""hi""","two\nlines"\r\nd,e,f,g\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['d', 'e', 'f', 'g'],
    ]);
  });

  it('keeps empty fields and skips blank lines', () => {
    expect(values('a,,c\n\n,b,\n')).toEqual([
      ['a', '', 'c'],
      ['', 'b', ''],
    ]);
  });

  it('remembers where each record and cell starts, across quoted line breaks', () => {
    const { records } = readCsv('h1,h2\n"x\ny",z\nlast,row');
    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
    expect(records[1]?.cells[1]).toMatchObject({ value: 'z', line: 3, column: 4 });
  });

  it('reports an unterminated quote where it opens', () => {
    const { problems } = readCsv('a,b\nc,"never closed\n');
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, column: 3, message: 'this quoted field is never closed' }),
    ]);
  });

  it('reports text after a closing quote and a quote inside an unquoted field', () => {
    const { problems } = readCsv('"a"b,c\nd,e"f\n');
    expect(problems.map(({ line, column }) => [line, column])).toEqual([
      [1, 4],
      [2, 4],
    ]);
  });

  it('reads back whatever an RFC 4180 writer wrote (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', ';'), maxLength: 6 });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(table, (rows) => {
        const text = rows.map((row) => row.map((value) => `"${value.replaceAll('"', '""')}"`).join(',')).join('\r\n');
        const read = readCsv(text);
        expect(read.problems).toEqual([]);
        expect(read.records.map((record) => record.cells.map((c) => c.value))).toEqual(rows);
      }),
    );
  });
});
