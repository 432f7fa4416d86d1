import { sql, type Expression, type SqlBool } from 'kysely';
import { OfficeError } from '../errors';

/**
 * Keyset paging. A cursor holds the sort key and id of the last row seen, base64url so it is
 * opaque to clients. A forged or damaged cursor is a 400, never a database error.
 */
export interface CursorPosition {
  key: string;
  id: string;
}

export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'query.before'): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !`${value[0]}${value[1]}`.includes('\u0000')
    ) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // fall through to the refusal below
  }
  throw new OfficeError(400, 'invalid_field', 'The paging cursor is not valid', field);
}

/**
 * Rows strictly after the cursor in `(key, id)` order: `desc` for newest-first lists, `asc`
 * for alphabetical ones. Written as a row comparison so both databases use the composite index.
 */
export function pastCursor(
  keyColumn: string,
  idColumn: string,
  cursor: CursorPosition,
  order: 'asc' | 'desc',
): Expression<SqlBool> {
  const op = sql.raw(order === 'desc' ? '<' : '>');
  return sql<SqlBool>`(${sql.ref(keyColumn)}, ${sql.ref(idColumn)}) ${op} (${cursor.key}, ${cursor.id})`;
}

/** Takes `limit + 1` fetched rows and returns the page with the cursor of its last row. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (item: T) => string) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last ? cursorOf(last) : null };
}
