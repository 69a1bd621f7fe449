import { expect } from 'vitest';
import { admin } from './hub';

/** A page of an admin list: its rows under `key`, and the cursor to the next page. */
interface Page {
  nextCursor: string | null;
  [key: string]: unknown;
}

/**
 * Reads an admin list page by page, `limit` rows at a time, passing each `nextCursor` back as
 * a client would, and answers the rows in the order they came. `between` runs after each page
 * (a change landing while an operator pages). Every page but the last is full.
 */
export const readAllPages = async <Row>(
  path: string,
  key: string,
  limit: number,
  between: (pageIndex: number) => Promise<void> = async () => {},
): Promise<{ rows: Row[]; pages: number; cursors: string[] }> => {
  const rows: Row[] = [];
  const cursors: string[] = [];
  const joiner = path.includes('?') ? '&' : '?';
  let cursor: string | null = null;
  for (let pages = 1; ; pages += 1) {
    const query: string = `limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const response = await admin('GET', `${path}${joiner}${query}`);
    expect(response.status, `${path} page ${pages}`).toBe(200);
    const page = await response.json<Page>();
    const pageRows = page[key] as Row[];
    rows.push(...pageRows);
    if (page.nextCursor === null) return { rows, pages, cursors };
    expect(pageRows).toHaveLength(limit);
    cursors.push(page.nextCursor);
    cursor = page.nextCursor;
    await between(pages);
  }
};
