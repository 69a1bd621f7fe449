// With the `u` flag a well-formed pair is one code point, so only a lone half matches.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The path (`edits.2.color`) of the first string holding an unpaired UTF-16 surrogate, or
 * undefined. JSON can spell one (`"\ud800"`); D1 would store it as invalid UTF-8 that later
 * reads fail on, so it never gets past validation.
 */
export const unpairedSurrogateAt = (value: unknown, path: readonly string[] = []): string | undefined => {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path.join('.') || '(body)' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (LONE_SURROGATE.test(key)) return [...path, key].join('.');
    const found = unpairedSurrogateAt(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
};
