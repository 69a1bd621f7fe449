import { Cron } from 'croner';

/**
 * The `crons = [...]` line of `[triggers]` in wrangler.toml. Its strings are plain double-quoted
 * ones, which read the same as JSON.
 */
export const cronsOf = (wranglerToml: string): string[] => {
  const line = /^crons\s*=\s*(\[.*\])\s*(#.*)?$/m.exec(wranglerToml)?.[1];
  if (!line) return [];
  const crons: unknown = JSON.parse(line);
  if (!Array.isArray(crons) || !crons.every((cron) => typeof cron === 'string')) {
    throw new Error(`wrangler.toml: crons is not a list of strings: ${line}`);
  }
  return crons;
};

// Read in UTC, as Cloudflare reads `[triggers] crons`.
const scheduleOf = (cron: string) => new Cron(cron, { timezone: 'UTC', paused: true });

/**
 * The crons with a firing after `after` and up to `upTo`, each once however many it missed
 * (a hub that was asleep catches up with one run, not a backlog).
 */
export const dueCrons = (crons: readonly string[], after: Date, upTo: Date): string[] =>
  crons.filter((cron) => {
    const next = scheduleOf(cron).nextRun(after);
    return next !== null && next <= upTo;
  });

/** The first firing of `crons` after `after`. */
export const nextFiring = (crons: readonly string[], after: Date): Date | undefined =>
  crons
    .map((cron) => scheduleOf(cron).nextRun(after))
    .filter((at): at is Date => at !== null)
    .sort((a, b) => a.getTime() - b.getTime())[0];
