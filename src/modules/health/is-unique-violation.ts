/** A PostgreSQL unique or primary key violation (SQLSTATE 23505), from `pg` or PGlite alike. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
