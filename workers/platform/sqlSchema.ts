/** One version of a schema part: runs once in an object's life, inside the transaction that records it. */
export type SchemaStep = (sql: SqlStorage) => void;

/**
 * The versions each part of an object's SQLite has reached, read once per instance: an object
 * migrates several parts as it starts (its rooms' document stores, its schedule, its own tables).
 */
const reachedVersions = new WeakMap<DurableObjectStorage, Map<string, number>>();

const versionsOf = (storage: DurableObjectStorage): Map<string, number> => {
  let versions = reachedVersions.get(storage);
  if (!versions) {
    storage.sql.exec(
      'CREATE TABLE IF NOT EXISTS schema_versions (part TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID',
    );
    const rows = storage.sql.exec<{ part: string; version: number }>('SELECT part, version FROM schema_versions');
    versions = new Map(rows.toArray().map((row) => [row.part, row.version]));
    reachedVersions.set(storage, versions);
  }
  return versions;
};

/**
 * Brings one part of an object's SQLite (the document store, the alarm schedule, a feature's own
 * tables) up to date: `steps[i]` makes version i + 1. The version each part has reached is kept
 * in `schema_versions`, so a step runs once, never again on the next start; steps are appended,
 * never edited. Called from constructors: synchronous, before the object serves anything.
 */
export const migrateSchema = (storage: DurableObjectStorage, part: string, steps: readonly SchemaStep[]): void => {
  const versions = versionsOf(storage);
  const reached = versions.get(part) ?? 0;
  if (reached >= steps.length) return;
  storage.transactionSync(() => {
    for (const step of steps.slice(reached)) step(storage.sql);
    storage.sql.exec('INSERT OR REPLACE INTO schema_versions (part, version) VALUES (?, ?)', part, steps.length);
  });
  versions.set(part, steps.length);
};
