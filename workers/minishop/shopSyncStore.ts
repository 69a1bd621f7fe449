import type { SchemaStep } from '../platform/sqlSchema';
import type { CachedToken } from './api/accessToken';
import type { SyncJob } from './sync/syncJob';

/** How a run ended, as the shop's progress shows it. */
export interface FinishedRun {
  kind: SyncJob['kind'];
  runId: string;
  outcome: string;
  finishedAt: number;
  errors: string[];
}

/** A queued run and its place in the queue (the head runs). */
export interface QueuedJob {
  position: number;
  job: SyncJob;
}

/** The keys the first ShopSync kept under the key-value API. */
const KV_KEYS = ['credentials', 'token', 'queue', 'lastRun'] as const;

/**
 * A ShopSync's tables, version by version: the shop's secret (its appid is the object's name),
 * the cached access token, the queue of runs (each a `SyncJob`, saved after every page) and how
 * the last run ended. Version 2 moves what the object kept under the key-value API into them;
 * `planStep` then has a queued run go on at once.
 */
export const shopSyncSchema = (storage: DurableObjectStorage, planStep: () => void): SchemaStep[] => [
  (sql) => {
    sql.exec('CREATE TABLE IF NOT EXISTS credentials (id INTEGER PRIMARY KEY CHECK (id = 1), secret TEXT NOT NULL)');
    sql.exec(`CREATE TABLE IF NOT EXISTS access_token (
      id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL, expires_at INTEGER NOT NULL)`);
    sql.exec('CREATE TABLE IF NOT EXISTS run_queue (position INTEGER PRIMARY KEY AUTOINCREMENT, job TEXT NOT NULL)');
    sql.exec(`CREATE TABLE IF NOT EXISTS last_run (
      id INTEGER PRIMARY KEY CHECK (id = 1), kind TEXT NOT NULL, run_id TEXT NOT NULL, outcome TEXT NOT NULL,
      finished_at INTEGER NOT NULL, errors TEXT NOT NULL)`);
  },
  (sql) => {
    const kv = storage.kv;
    const credentials = kv.get<{ secret: string }>('credentials');
    if (credentials) saveSecret(sql, credentials.secret);
    const token = kv.get<CachedToken>('token');
    if (token) saveToken(sql, token);
    const queue = kv.get<SyncJob[]>('queue') ?? [];
    for (const job of queue) appendJob(sql, job);
    const lastRun = kv.get<FinishedRun>('lastRun');
    if (lastRun) saveLastRun(sql, lastRun);
    for (const key of KV_KEYS) kv.delete(key);
    if (queue.length > 0) planStep();
  },
];

export const saveSecret = (sql: SqlStorage, secret: string): void => {
  sql.exec('INSERT OR REPLACE INTO credentials (id, secret) VALUES (1, ?)', secret);
};

/** The shop's secret; null while it is not bound here. */
export const readSecret = (sql: SqlStorage): string | null =>
  sql.exec<{ secret: string }>('SELECT secret FROM credentials').toArray()[0]?.secret ?? null;

export const saveToken = (sql: SqlStorage, token: CachedToken): void => {
  sql.exec(
    'INSERT OR REPLACE INTO access_token (id, token, expires_at) VALUES (1, ?, ?)',
    token.accessToken,
    token.expiresAt,
  );
};

export const readToken = (sql: SqlStorage): CachedToken | undefined => {
  const row = sql
    .exec<{ token: string; expires_at: number }>('SELECT token, expires_at FROM access_token')
    .toArray()[0];
  return row && { accessToken: row.token, expiresAt: row.expires_at };
};

export const forgetToken = (sql: SqlStorage): void => {
  sql.exec('DELETE FROM access_token');
};

/** Forgets the binding: secret, token and every queued run. */
export const forgetShop = (sql: SqlStorage): void => {
  sql.exec('DELETE FROM credentials');
  forgetToken(sql);
  clearJobs(sql);
};

export const queuedJobs = (sql: SqlStorage): QueuedJob[] =>
  sql
    .exec<{ position: number; job: string }>('SELECT position, job FROM run_queue ORDER BY position')
    .toArray()
    .map((row) => ({ position: row.position, job: JSON.parse(row.job) as SyncJob }));

export const appendJob = (sql: SqlStorage, job: SyncJob): void => {
  sql.exec('INSERT INTO run_queue (job) VALUES (?)', JSON.stringify(job));
};

export const saveJob = (sql: SqlStorage, { position, job }: QueuedJob): void => {
  sql.exec('UPDATE run_queue SET job = ? WHERE position = ?', JSON.stringify(job), position);
};

export const dropJob = (sql: SqlStorage, position: number): void => {
  sql.exec('DELETE FROM run_queue WHERE position = ?', position);
};

export const clearJobs = (sql: SqlStorage): void => {
  sql.exec('DELETE FROM run_queue');
};

export const saveLastRun = (sql: SqlStorage, run: FinishedRun): void => {
  sql.exec(
    'INSERT OR REPLACE INTO last_run (id, kind, run_id, outcome, finished_at, errors) VALUES (1, ?, ?, ?, ?, ?)',
    run.kind,
    run.runId,
    run.outcome,
    run.finishedAt,
    JSON.stringify(run.errors),
  );
};

export const readLastRun = (sql: SqlStorage): FinishedRun | null => {
  const row = sql
    .exec<{ kind: SyncJob['kind']; run_id: string; outcome: string; finished_at: number; errors: string }>(
      'SELECT kind, run_id, outcome, finished_at, errors FROM last_run',
    )
    .toArray()[0];
  return row
    ? {
        kind: row.kind,
        runId: row.run_id,
        outcome: row.outcome,
        finishedAt: row.finished_at,
        errors: JSON.parse(row.errors) as string[],
      }
    : null;
};
