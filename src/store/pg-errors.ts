/** Recognises PostgreSQL errors by SQLSTATE; `pg` and PGlite both expose it as `code`. */

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code: unknown = error.code;
  return typeof code === 'string' ? code : undefined;
}

/** 23505: a unique or primary key constraint rejected the row. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/** 23503: a foreign key constraint rejected the row. */
export function isForeignKeyViolation(error: unknown): boolean {
  return sqlState(error) === '23503';
}

/** 23514: a check constraint rejected the row. */
export function isCheckViolation(error: unknown): boolean {
  return sqlState(error) === '23514';
}

/** 42P06: the schema already exists. */
export function isDuplicateSchema(error: unknown): boolean {
  return sqlState(error) === '42P06';
}

/** The message of an error of any kind, for wrapping it in an error of ours. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? 'unknown error');
}
