import type { Env } from '../env';
import { CRONS } from '../minishop/sync/cron';
import { appendSyncEvents } from '../monitor/records/syncEventRecords';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import { type PhoneRepair, repairPhoneIdentities } from './phoneRepair';

/** Runs the phone repair and logs what it did in the sync log, for the operator's audit. */
export const runPhoneRepair = async (env: Env, source: 'admin' | 'system'): Promise<PhoneRepair> => {
  const report = await repairPhoneIdentities(env);
  await appendSyncEvents(database(env.DB), [
    { at: clock.now(), kind: 'members.phone-repair', subject: 'members:phones', source, detail: { ...report } },
  ]);
  return report;
};

/**
 * The nightly run, with the daily product cron (03:30 China time): it finds nothing once the
 * operator's run after the deploy (`POST /api/admin/members/phone-repair`) has repaired the rows.
 */
export const scheduledPhoneRepair = async (controller: ScheduledController, env: Env): Promise<void> => {
  if (controller.cron === CRONS.products) await runPhoneRepair(env, 'system');
};
