/** One version of a schema part: runs once in an object's life, inside the transaction that records it. */
export type SchemaStep = (sql: SqlStorage) => void;

/**
 * Brings one part of an object's SQLite (the document store, the alarm schedule, a feature's own
 * tables) up to date: `steps[i]` makes version i + 1. The version each part has reached is kept
 * in `schema_versions`, so a step runs once, never again on the next start; steps are appended,
 * never edited. Called from constructors: synchronous, before the object serves anything.
 */
export const migrateSchema = (storage: DurableObjectStorage, part: string, steps: readonly SchemaStep[]): void => {
  const sql = storage.sql;
  sql.exec('CREATE TABLE IF NOT EXISTS schema_versions (part TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const reached =
    sql.exec<{ version: number }>('SELECT version FROM schema_versions WHERE part = ?', part).toArray()[0]?.version ??
    0;
  if (reached >= steps.length) return;
  storage.transactionSync(() => {
    for (const step of steps.slice(reached)) step(sql);
    sql.exec('INSERT OR REPLACE INTO schema_versions (part, version) VALUES (?, ?)', part, steps.length);
  });
};
