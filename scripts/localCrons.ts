// `wrangler dev` does not fire `[triggers] crons`, so `npm start` runs this beside the hub: it
// fires each cron of wrangler.toml on its schedule (UTC) through the dev server's scheduled route.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { cronsOf, dueCrons, nextFiring } from './cronSchedule';

// The hub `npm start` serves (package.json, `start`).
const HUB = 'http://127.0.0.1:8787';
// Wake at least this often, so a clock jump or a suspended machine is noticed within a minute.
const MAX_SLEEP_MS = 60_000;

const log = (message: string) => console.log(`[crons] ${new Date().toISOString()} ${message}`);

const hubIsUp = async (): Promise<boolean> => {
  try {
    return (await fetch(`${HUB}/health`)).ok;
  } catch {
    return false; // not listening yet
  }
};

const fire = async (cron: string): Promise<void> => {
  try {
    const response = await fetch(`${HUB}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}`);
    log(`fired "${cron}": ${response.status}`);
  } catch (error) {
    log(`fired "${cron}": hub unreachable (${error instanceof Error ? error.message : String(error)})`);
  }
};

const crons = cronsOf(readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8'));
if (crons.length === 0) {
  log('wrangler.toml has no [triggers] crons; nothing to fire');
} else {
  while (!(await hubIsUp())) await sleep(500);
  log(`hub is up; firing ${crons.map((cron) => `"${cron}"`).join(', ')} on their schedule (UTC)`);
  let checkedUpTo = new Date();
  for (;;) {
    const next = nextFiring(crons, checkedUpTo)?.getTime() ?? Number.POSITIVE_INFINITY;
    await sleep(Math.max(0, Math.min(next - Date.now(), MAX_SLEEP_MS)));
    const now = new Date();
    for (const cron of dueCrons(crons, checkedUpTo, now)) await fire(cron);
    checkedUpTo = now;
  }
}
