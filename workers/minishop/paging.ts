export interface Page<T> {
  items: T[];
  /** `total_num` as the API reported it with this page. */
  total: number;
}

/**
 * Walks `page` = 1, 2, … until a short page or `total_num` is reached, yielding every item.
 * Pages are fetched lazily, so a caller that stops early (or fails) spends no further calls.
 */
export async function* allPages<T>(pageSize: number, fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T> {
  let seen = 0;
  for (let page = 1; ; page++) {
    const { items, total } = await fetchPage(page);
    yield* items;
    seen += items.length;
    if (items.length < pageSize || seen >= total) return;
  }
}
