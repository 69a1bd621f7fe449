import { type Refusal, refusal } from '../platform/refusal';
import { migrateSchema } from '../platform/sqlSchema';
import { database } from '../records/db';
import type { MemberContext } from './memberContext';
import { findMember } from './records/memberRecords';

/**
 * Whether the member this object serves may still place orders, kept in its own SQLite so an
 * order costs D1 nothing: D1 is asked once in the object's life (`verified`), and from then on a
 * merge tells the object itself. A member absorbing this one closes it before the records move
 * in D1 (one closure per absorbing member, so one merge that fails cannot reopen another's) and
 * reopens it only if D1 shows the merge did not happen; `freeze` then marks it merged for good.
 */
export const migrateStanding = (storage: DurableObjectStorage): void =>
  migrateSchema(storage, 'standing', [
    (sql) => {
      sql.exec('CREATE TABLE member_standing (id INTEGER PRIMARY KEY CHECK (id = 1), merged INTEGER NOT NULL)');
      sql.exec('CREATE TABLE merge_closures (survivor_id TEXT PRIMARY KEY) WITHOUT ROWID');
    },
  ]);

const merged = (): Refusal => refusal(401, 'member_merged', 'this account was merged; log in again');

type Standing = Refusal | null | 'unverified';

/**
 * Each object's standing as last read, since every order asks it twice: only this module writes
 * the two tables, and each write forgets what was read.
 */
const standings = new WeakMap<SqlStorage, Standing>();

/** The refusal this member's orders get now; `unverified` until D1 has been asked once. */
const standingNow = (sql: SqlStorage): Standing => {
  const known = standings.get(sql);
  if (known !== undefined) return known;
  const standing = readStanding(sql);
  standings.set(sql, standing);
  return standing;
};

const readStanding = (sql: SqlStorage): Standing => {
  if (sql.exec('SELECT 1 FROM merge_closures LIMIT 1').toArray().length > 0) return merged();
  const row = sql.exec<{ merged: number }>('SELECT merged FROM member_standing').toArray()[0];
  if (!row) return 'unverified';
  return row.merged === 1 ? merged() : null;
};

/** Runs one write to the standing tables, and forgets the standing read before it. */
const changeStanding = (sql: SqlStorage, write: () => void): void => {
  standings.delete(sql);
  write();
};

const recordStanding = (sql: SqlStorage, isMerged: boolean): void =>
  changeStanding(sql, () =>
    sql.exec('INSERT OR REPLACE INTO member_standing (id, merged) VALUES (1, ?)', isMerged ? 1 : 0),
  );

/**
 * Null when the member may order; a 401 when it was merged away, or never existed. Synchronous
 * once verified, so a caller that checks and then queues in the same turn cannot be overtaken by
 * a merge closing this object.
 */
export const orderingRefusal = async (member: MemberContext): Promise<Refusal | null> => {
  const now = standingNow(member.sql);
  if (now !== 'unverified') return now;
  const record = await findMember(database(member.env.DB), member.memberId);
  if (!record) return refusal(401, 'unauthorized', 'unknown member');
  recordStanding(member.sql, record.mergedInto !== null);
  return orderingRefusalNow(member);
};

/** The same, answered from this object alone: what it knows after `orderingRefusal` has verified it. */
export const orderingRefusalNow = (member: MemberContext): Refusal | null => {
  const now = standingNow(member.sql);
  return now === 'unverified' ? null : now;
};

/** A member about to move this one's records into its own closes it to new orders first. */
export const closeForMerge = (sql: SqlStorage, survivorId: string): void =>
  changeStanding(sql, () => sql.exec('INSERT OR IGNORE INTO merge_closures (survivor_id) VALUES (?)', survivorId));

/** That member's merge did not happen (D1 says this one is not merged): its closure goes. */
export const reopenAfterMerge = (sql: SqlStorage, survivorId: string): void =>
  changeStanding(sql, () => sql.exec('DELETE FROM merge_closures WHERE survivor_id = ?', survivorId));

/** The records moved: this member is merged for good. */
export const markMerged = (sql: SqlStorage): void => {
  recordStanding(sql, true);
  changeStanding(sql, () => sql.exec('DELETE FROM merge_closures'));
};
