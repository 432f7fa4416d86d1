/**
 * A search as typed, made safe to put in a LIKE pattern: lower-case, trimmed, with LIKE's
 * wildcards and escape dropped (escapes differ between SQLite and PostgreSQL).
 */
export function likeSafe(search: string): string {
  return search
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, '');
}
