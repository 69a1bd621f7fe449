/**
 * Title search compares normalised text with `LIKE '%word%'` on `products.search_title`. FTS5's
 * unicode61 tokenizer sees a run of Chinese characters as one token and its trigram tokenizer
 * cannot match fewer than 3 characters, so a 2-character word such as 衬衫 would find nothing;
 * a substring match finds any word of any length, and over one narrow column of a shop's
 * products it stays a fast scan.
 */

/** Full-width and half-width forms folded (NFKC), case folded, runs of space made one. */
export const searchTextOf = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The `LIKE` pattern matching titles that contain `query`; `\` escapes LIKE's own wildcards. */
export const titleLikePattern = (query: string): string => `%${searchTextOf(query).replace(/[\\%_]/g, '\\$&')}%`;
