/** Builds a case-insensitive "contains" pattern for LIKE/ILIKE, escaping the wildcards in user input. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Splits a list into chunks of at most `size` items (multi-row statements stay well under 65,535 parameters). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
