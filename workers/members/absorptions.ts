import { migrateSchema } from '../platform/sqlSchema';

/**
 * Merges into this member that have begun, in the member room's storage: `pending` until the
 * absorbed document's contents are in this one, then `applied` until the absorbed document is
 * emptied, then forgotten.
 */
export type AbsorptionState = 'pending' | 'applied';

export interface Absorption {
  absorbedId: string;
  survivorId: string;
}

/** The table, by version (`sqlSchema.ts`); step 1 is what objects created before versioning already have. */
export const migrateAbsorptions = (storage: DurableObjectStorage): void =>
  migrateSchema(storage, 'absorptions', [
    (sql) =>
      sql.exec(`CREATE TABLE IF NOT EXISTS absorptions (
        absorbed_id TEXT PRIMARY KEY, survivor_id TEXT NOT NULL, state TEXT NOT NULL)`),
  ]);

/** Notes a merge about to move the records; one already noted stays as it is. */
export const noteAbsorption = (sql: SqlStorage, absorbedId: string, survivorId: string): void => {
  sql.exec(
    "INSERT OR IGNORE INTO absorptions (absorbed_id, survivor_id, state) VALUES (?, ?, 'pending')",
    absorbedId,
    survivorId,
  );
};

export const absorptionState = (sql: SqlStorage, absorbedId: string): AbsorptionState | null =>
  sql.exec<{ state: AbsorptionState }>('SELECT state FROM absorptions WHERE absorbed_id = ?', absorbedId).toArray()[0]
    ?.state ?? null;

export const notedAbsorptions = (sql: SqlStorage): Absorption[] =>
  sql
    .exec<{ absorbed_id: string; survivor_id: string }>('SELECT absorbed_id, survivor_id FROM absorptions')
    .toArray()
    .map((row) => ({ absorbedId: row.absorbed_id, survivorId: row.survivor_id }));

export const markApplied = (sql: SqlStorage, absorbedId: string): void => {
  sql.exec("UPDATE absorptions SET state = 'applied' WHERE absorbed_id = ?", absorbedId);
};

/** Forgets a merge that turned out to have happened already (nothing was taken in for it). */
export const forgetPendingAbsorption = (sql: SqlStorage, absorbedId: string): void => {
  sql.exec("DELETE FROM absorptions WHERE absorbed_id = ? AND state = 'pending'", absorbedId);
};

export const forgetAbsorption = (sql: SqlStorage, absorbedId: string): void => {
  sql.exec('DELETE FROM absorptions WHERE absorbed_id = ?', absorbedId);
};
