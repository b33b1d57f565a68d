/**
 * One line of CSV (RFC 4180 quoting within the line: `"a,b"`, `"say ""hi"""`). Fields are trimmed; a quote
 * that never closes makes the line unreadable rather than silently eating the rest of the file.
 */

/**
 * The fields of a line, or undefined when a quoted field is not closed.
 *
 * @example
 * splitCsvLine('sha256,"a, b",x', ','); // ['sha256', 'a, b', 'x']
 */
export function splitCsvLine(line: string, delimiter: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ') i += 1;
    let field = '';
    if (line[i] === '"') {
      const end = readQuoted(line, i + 1);
      if (!end) return undefined;
      field = end.text;
      i = end.next;
      const stop = line.indexOf(delimiter, i);
      i = stop < 0 ? line.length : stop;
    } else {
      const stop = line.indexOf(delimiter, i);
      field = line.slice(i, stop < 0 ? line.length : stop);
      i = stop < 0 ? line.length : stop;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    i += delimiter.length;
  }
}

function readQuoted(line: string, start: number): { text: string; next: number } | undefined {
  let text = '';
  let i = start;
  while (i < line.length) {
    const quote = line.indexOf('"', i);
    if (quote < 0) return undefined;
    text += line.slice(i, quote);
    if (line[quote + 1] === '"') {
      text += '"';
      i = quote + 2;
    } else return { text, next: quote + 1 };
  }
  return undefined;
}
