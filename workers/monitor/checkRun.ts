import type { CheckSweep, Checks } from '../../shared/docs/monitor';
import { MONITOR_ROOM } from '../../shared/rooms';
import type { Env } from '../env';
import { CRONS } from '../minishop/sync/cron';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import { runChecks } from './consistency';
import { appendSyncEvents, pruneSyncEvents } from './records/syncEventRecords';
import { monitorRoomOf } from './roomFeed';

/** Who asked for a check: the schedule (which also prunes the log) or an operator. */
export type CheckTrigger = 'schedule' | 'operator';

/** Runs the consistency checks over what `sweep` covers, shows them on the monitor and logs the run. */
export const checkAndShow = async (env: Env, trigger: CheckTrigger, sweep: CheckSweep = 'changed'): Promise<Checks> => {
  const db = database(env.DB);
  const checks = await runChecks(env, sweep);
  await monitorRoomOf(env).showChecks(checks);
  const pruned = trigger === 'schedule' ? await pruneSyncEvents(db, clock.now()) : 0;
  await appendSyncEvents(db, [
    {
      at: clock.now(),
      kind: 'monitor.check',
      subject: MONITOR_ROOM,
      source: trigger === 'schedule' ? 'system' : 'admin',
      detail: { ...checks, pruned },
    },
  ]);
  return checks;
};

/**
 * The cron each sweep runs with: what changed every 5 minutes (with the Mini-Shop order sync),
 * everything nightly (with the product sync, 03:30 China time), so a room that drifted with no
 * change in D1 is found within a day.
 */
const SWEEPS: Record<string, CheckSweep> = { [CRONS.orders]: 'changed', [CRONS.products]: 'full' };

/** The scheduled runs: a failure is logged for the operator as well as thrown for the platform. */
export const scheduledChecks = async (controller: ScheduledController, env: Env): Promise<void> => {
  const sweep = SWEEPS[controller.cron];
  if (!sweep) return;
  try {
    await checkAndShow(env, 'schedule', sweep);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await appendSyncEvents(database(env.DB), [
      { at: clock.now(), kind: 'monitor.error', subject: MONITOR_ROOM, source: 'system', detail: { message } },
    ]);
    throw error;
  }
};
