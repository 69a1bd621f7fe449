// Plain Node, no wrangler: the schedule `npm start` fires crons by (scripts/localCrons.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cronsOf, dueCrons, nextFiring } from '../../scripts/cronSchedule';

const crons = cronsOf(readFileSync(new URL('../../wrangler.toml', import.meta.url), 'utf8'));
const at = (iso: string) => new Date(iso);

describe('local cron schedule', () => {
  it("reads the project's crons from wrangler.toml", () => {
    expect(crons).toEqual(['*/5 * * * *', '30 19 * * *', '0 0 * * *']);
    expect(cronsOf('name = "x"\n')).toEqual([]);
  });

  it('finds the 5-minute order sync due only once its minute is reached', () => {
    expect(dueCrons(crons, at('2026-12-01T10:01:00Z'), at('2026-12-01T10:04:59Z'))).toEqual([]);
    expect(dueCrons(crons, at('2026-12-01T10:01:00Z'), at('2026-12-01T10:05:00Z'))).toEqual(['*/5 * * * *']);
    // The window is half-open: a firing at its start was the previous window's.
    expect(dueCrons(crons, at('2026-12-01T10:05:00Z'), at('2026-12-01T10:09:59Z'))).toEqual([]);
  });

  it('reads the daily crons in UTC: products at 19:30, the T+1 sales with the orders at 00:00', () => {
    expect(dueCrons(crons, at('2026-12-01T19:29:30Z'), at('2026-12-01T19:30:30Z'))).toEqual([
      '*/5 * * * *',
      '30 19 * * *',
    ]);
    expect(dueCrons(crons, at('2026-12-01T23:59:30Z'), at('2026-12-02T00:00:01Z'))).toEqual([
      '*/5 * * * *',
      '0 0 * * *',
    ]);
    expect(dueCrons(crons, at('2026-12-01T11:29:30Z'), at('2026-12-01T11:30:30Z'))).toEqual(['*/5 * * * *']);
  });

  it('names a cron once however many firings a long gap missed', () => {
    expect(dueCrons(crons, at('2026-12-01T18:00:00Z'), at('2026-12-02T01:00:00Z'))).toEqual(crons);
  });

  it('sleeps until the earliest next firing', () => {
    expect(nextFiring(crons, at('2026-12-01T19:26:10Z'))).toEqual(at('2026-12-01T19:30:00Z'));
    expect(nextFiring(crons, at('2026-12-01T19:30:00Z'))).toEqual(at('2026-12-01T19:35:00Z'));
    expect(nextFiring([], at('2026-12-01T19:30:00Z'))).toBeUndefined();
  });
});
