/** `a=1&b=2`, each part URI-encoded; what is undefined is left out. Mini-programs have no `URLSearchParams`. */
export const queryString = (params: Record<string, string | number | undefined>): string =>
  Object.entries(params)
    .flatMap(([key, value]) =>
      value === undefined ? [] : [`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`],
    )
    .join('&');
