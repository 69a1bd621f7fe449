/** Numbers and tables for the benchmarks: percentiles, ratios, aligned plain-text tables. */

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array (`q` in 0..1); NaN when empty. */
export const percentile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN);

export const summarize = (samples: readonly number[]): Summary => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length === 0 ? Number.NaN : sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
};

/** `a / b`, or NaN when either is missing or b is 0. */
export const ratio = (a: number, b: number): number =>
  Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;

/** Milliseconds with one decimal (or "-" for a missing value). */
export const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '-');

/** A ratio as "2.31x" (or "-"). */
export const times = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}x` : '-');

export const mib = (bytes: number): string => (Number.isFinite(bytes) ? (bytes / 1024 / 1024).toFixed(1) : '-');

export const kib = (bytes: number): string => (Number.isFinite(bytes) ? (bytes / 1024).toFixed(1) : '-');

export type Cell = string | number;

/** Renders rows under a header with every column padded to its widest cell; numbers right-aligned. */
export const formatTable = (title: string, header: readonly string[], rows: readonly (readonly Cell[])[]): string => {
  const text = [header.map(String), ...rows.map((r) => r.map(String))];
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^[-\d.x%]+$/.test(String(r[i]))),
  );
  const widths = header.map((_, i) => Math.max(...text.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [title, line(text[0] ?? []), rule, ...text.slice(1).map(line)].join('\n');
};

/** The most of `times` (ms, any order) that fall within any one span of `windowMs`. */
export const busiestWindow = (times: readonly number[], windowMs: number): number => {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let last = 0, first = 0; last < sorted.length; last++) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
};
