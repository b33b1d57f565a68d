/**
 * A small RFC 4180 CSV reader that remembers where every cell starts. Fields are separated by commas and
 * records by CRLF or LF; a field in double quotes may hold commas, line breaks and doubled quotes (`""`).
 */
import type { SourceLocation } from './types.js';

/** One cell with its unquoted value and where it starts. */
export interface CsvCell extends SourceLocation {
  value: string;
  quoted: boolean;
}

/** One record (row) with the line it starts on. */
export interface CsvRecord {
  line: number;
  cells: CsvCell[];
}

/** A syntax problem, with its position. */
export interface CsvProblem extends SourceLocation {
  message: string;
  hint: string;
}

/**
 * Reads CSV text into records. Blank lines are skipped. Problems (an unterminated quote, text after a
 * closing quote, a quote inside an unquoted field) are collected, and reading goes on where it can.
 *
 * @example readCsv('a,"b,c"\n').records[0]?.cells.map((c) => c.value) // ['a', 'b,c']
 */
export function readCsv(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const reader = new CsvReader(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const records: CsvRecord[] = [];
  while (!reader.done()) {
    const record = reader.readRecord();
    const only = record.cells[0];
    const blank = record.cells.length === 1 && only !== undefined && !only.quoted && only.value.trim() === '';
    if (!blank) records.push(record);
  }
  return { records, problems: reader.problems };
}

class CsvReader {
  readonly problems: CsvProblem[] = [];
  private offset = 0;
  private line = 1;
  private column = 1;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.offset >= this.text.length;
  }

  readRecord(): CsvRecord {
    const record: CsvRecord = { line: this.line, cells: [] };
    for (;;) {
      record.cells.push(this.peek() === '"' ? this.readQuoted() : this.readPlain());
      if (this.peek() !== ',') break;
      this.advance();
    }
    this.skipNewline();
    return record;
  }

  private readPlain(): CsvCell {
    const cell: CsvCell = { value: '', quoted: false, line: this.line, column: this.column };
    const start = this.offset;
    while (!this.done() && !this.atFieldEnd()) {
      if (this.peek() === '"') {
        this.problem(
          'a double quote inside an unquoted field',
          'wrap the whole field in double quotes and write each quote inside it as ""',
        );
      }
      this.advance();
    }
    cell.value = this.text.slice(start, this.offset);
    return cell;
  }

  private readQuoted(): CsvCell {
    const cell: CsvCell = { value: '', quoted: true, line: this.line, column: this.column };
    this.advance();
    let value = '';
    for (;;) {
      if (this.done()) {
        this.problems.push({
          line: cell.line,
          column: cell.column,
          message: 'this quoted field is never closed',
          hint: 'add the closing double quote; write a quote inside the field as ""',
        });
        break;
      }
      const char = this.peek();
      if (char === '"' && this.text[this.offset + 1] === '"') {
        value += '"';
        this.advance();
        this.advance();
      } else if (char === '"') {
        this.advance();
        break;
      } else {
        value += char;
        this.advance();
      }
    }
    cell.value = value;
    this.skipAfterClosingQuote();
    return cell;
  }

  private skipAfterClosingQuote(): void {
    if (this.done() || this.atFieldEnd()) return;
    this.problem(
      'unexpected text after the closing quote',
      'put the separating comma right after the closing quote, or move the text inside the quotes',
    );
    while (!this.done() && !this.atFieldEnd()) this.advance();
  }

  private atFieldEnd(): boolean {
    const char = this.peek();
    return char === ',' || char === '\n' || char === '\r';
  }

  private skipNewline(): void {
    if (this.peek() === '\r') this.advance();
    if (this.peek() === '\n') this.advance();
  }

  private peek(): string | undefined {
    return this.text[this.offset];
  }

  private advance(): void {
    const char = this.text[this.offset];
    this.offset += 1;
    const lineEnd = char === '\n' || (char === '\r' && this.text[this.offset] !== '\n');
    if (lineEnd) {
      this.line += 1;
      this.column = 1;
    } else {
      this.column += 1;
    }
  }

  private problem(message: string, hint: string): void {
    this.problems.push({ line: this.line, column: this.column, message, hint });
  }
}
