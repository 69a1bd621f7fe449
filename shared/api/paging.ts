import { decodeBase64Url, encodeBase64Url } from 'hono/utils/encode';
import { z } from 'zod';

/** Where a page ended: the sort time and id of its last row. */
export interface PagePosition {
  at: number;
  id: string;
}

const POSITION = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/;

/** Text as an opaque cursor: its UTF-8 in base64url, unpadded. */
export const opaqueCursor = (text: string): string =>
  encodeBase64Url(new TextEncoder().encode(text).buffer).replace(/=+$/, '');

/** The text an opaque cursor holds; null when it is not one. */
export const cursorText = (cursor: string): string | null => {
  try {
    return new TextDecoder().decode(decodeBase64Url(cursor));
  } catch {
    return null;
  }
};

/**
 * The `nextCursor` of a page: opaque to clients (base64url), so what it holds may change without
 * breaking them; lists sort newest first by time, then id, so a position is exact even for rows
 * made in the same millisecond.
 */
export const pageCursor = (position: { at: number; id: string | number }): string =>
  opaqueCursor(`${position.at}:${position.id}`);

const positionOf = (cursor: string): PagePosition | null => {
  const match = POSITION.exec(cursorText(cursor) ?? '');
  return match?.[1] && match[2] ? { at: Number(match[1]), id: match[2] } : null;
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
