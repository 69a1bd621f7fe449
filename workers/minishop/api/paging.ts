/** One page of a listing and where the next one starts. */
export interface Page<T> {
  items: T[];
  /** How many items the whole listing holds, as the source reported it. */
  total: number;
  /** Opaque to callers: hand it back for the next page; null after the last one. */
  next: string | null;
}

/**
 * Every item of a paged listing. Pages are fetched lazily, so a caller that stops early (or
 * fails) spends no further calls; a job that must survive restarts keeps `next` itself instead.
 */
export async function* allPages<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | null = null;
  do {
    const page: Page<T> = await fetchPage(cursor);
    yield* page.items;
    cursor = page.next;
  } while (cursor !== null);
}
