import type { Env } from '../env';
import type { NewSyncEvent } from '../monitor/records/syncEventRecords';
import type { AlarmSchedule } from '../platform/alarmSchedule';
import { clock } from '../platform/clock';
import type { SqlOutbox } from '../platform/sqlOutbox';
import { type Database, database } from '../records/db';
import type { TokenStore } from './api/accessToken';
import type { MiniShopSource } from './api/source';
import { readSecret, readToken, saveToken } from './shopSyncStore';
import { shopClient } from './sync/shopClient';

/** What the shop object's modules work with, instead of the whole object. */
export interface ShopContext {
  readonly env: Env;
  /** The shop the object serves: its own name. */
  readonly appid: string;
  /** The object's SQLite: secret, token, run queue, last run (`shopSyncStore.ts`). */
  readonly sql: SqlStorage;
  readonly schedule: AlarmSchedule;
  db(): Database;
  /** The Mini-Shop API with the stored secret and token; throws once the shop is unbound. */
  source(): MiniShopSource;
  /** Queues a sync-log line; the object writes it to D1 before the operation answers. */
  log(kind: string, detail: Record<string, unknown>): Promise<void>;
}

/** The context ShopSync builds once: its log lines go through the object's `sync_log` outbox. */
export const shopContext = (
  env: Env,
  appid: string,
  sql: SqlStorage,
  schedule: AlarmSchedule,
  syncLog: SqlOutbox<NewSyncEvent>,
): ShopContext => ({
  env,
  appid,
  sql,
  schedule,
  db: () => database(env.DB),
  source: () => {
    const secret = readSecret(sql);
    if (secret === null) throw new Error('the Mini-Shop is not bound');
    const tokenStore: TokenStore = {
      load: async () => readToken(sql),
      save: async (token) => saveToken(sql, token),
    };
    return shopClient(env, { appid, secret }, tokenStore);
  },
  log: (kind, detail) =>
    syncLog.add({ at: clock.now(), kind, subject: `minishop:${appid}`, source: 'minishop', detail }),
});
