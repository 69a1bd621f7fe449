import { z } from 'zod';

/** Where a page ended: the sort time and id of its last row. */
export interface PagePosition {
  at: number;
  id: string;
}

const POSITION = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/;

const base64url = (text: string) => btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

/**
 * The `nextCursor` of a page: opaque to clients (base64url), so what it holds may change without
 * breaking them; lists sort newest first by time, then id, so a position is exact even for rows
 * made in the same millisecond.
 */
export const pageCursor = (position: { at: number; id: string | number }): string =>
  base64url(`${position.at}:${position.id}`);

const positionOf = (cursor: string): PagePosition | null => {
  try {
    const match = POSITION.exec(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')));
    return match?.[1] && match[2] ? { at: Number(match[1]), id: match[2] } : null;
  } catch {
    return null;
  }
};

/** A `cursor` query parameter: one a previous page answered, or a 400 naming `cursor`. */
export const cursorSchema = z
  .string()
  .max(120)
  .transform((cursor, ctx) => {
    const position = positionOf(cursor);
    if (position === null) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor from an earlier page' });
      return z.NEVER;
    }
    return position;
  });

/** A `limit` query parameter: rows per page. */
export const pageLimitSchema = z.coerce.number().int().min(1).max(100).default(20);

/** One page of `rows` read with one row more than `limit`: the page, and the cursor to the next one. */
export const pageOf = <Row>(
  rows: Row[],
  limit: number,
  positionOfRow: (row: Row) => { at: number; id: string | number },
) => {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? pageCursor(positionOfRow(last)) : null };
};
