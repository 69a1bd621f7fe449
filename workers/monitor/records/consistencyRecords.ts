import { gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { balanceLedger, members, pointsLedger, skus } from '../../../schema';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';

/** D1 binds at most 100 parameters per statement. */
const IDS_PER_QUERY = 100;

/**
 * The records one check reads: every one (`full`), or those whose `audit_seq` is past `afterSeq`
 * and those named in `ids` (looked at again: in flight or differing last time).
 */
/**
 * What a check reads: everything (`full`), or the rows D1 changed after `afterSeq`; both with the
 * ids on the look-again list (a full sweep reads them anyway where D1 has them all).
 */
export type RecordScope = { sweep: 'full'; ids: string[] } | { sweep: 'changed'; afterSeq: number; ids: string[] };

/**
 * The scope's rows of a table with an `audit_seq` and an `id`: the changed ones in one query, the
 * named ones 100 at a time, each row once.
 */
const rowsInScope = async <Row extends { id: string }>(
  scope: RecordScope,
  read: (where: SQL | undefined) => Promise<Row[]>,
  columns: { id: typeof skus.id | typeof members.id; auditSeq: typeof skus.auditSeq | typeof members.auditSeq },
): Promise<Row[]> => {
  if (scope.sweep === 'full') return read(undefined);
  const [first = [], ...rest] = chunks(scope.ids, IDS_PER_QUERY);
  const batches = await Promise.all([
    read(or(gt(columns.auditSeq, scope.afterSeq), first.length > 0 ? inArray(columns.id, first) : undefined)),
    ...rest.map((ids) => read(inArray(columns.id, ids))),
  ]);
  const byId = new Map(batches.flat().map((row) => [row.id, row]));
  return [...byId.values()];
};

/** Price, stock and listing as D1 holds them, with each row's change number, for the SKUs in scope. */
export const skuRecords = async (db: Database, scope: RecordScope) => {
  const rows = await rowsInScope(
    scope,
    (where) =>
      db
        .select({ id: skus.id, price: skus.price, stock: skus.stock, listed: skus.listed, auditSeq: skus.auditSeq })
        .from(skus)
        .where(where),
    skus,
  );
  return rows.map(({ id, ...record }) => ({ skuId: id, ...record }));
};

const totalsOf = async (
  db: Database,
  ledger: typeof pointsLedger,
  memberIds: string[] | null,
): Promise<Map<string, number>> => {
  const read = (where: SQL | undefined) =>
    db
      .select({ memberId: ledger.memberId, total: sql<number>`SUM(${ledger.delta})` })
      .from(ledger)
      .where(where)
      .groupBy(ledger.memberId);
  const rows =
    memberIds === null
      ? await read(undefined)
      : (await Promise.all(chunks(memberIds, IDS_PER_QUERY).map((ids) => read(inArray(ledger.memberId, ids))))).flat();
  return new Map(rows.map((r) => [r.memberId, r.total]));
};

/**
 * The members in scope still in use (not merged into another) with the sums of both ledgers, and
 * the newest change number among every member read (a merged one included).
 */
export const ledgerSums = async (
  db: Database,
  scope: RecordScope,
): Promise<{ sums: Array<{ memberId: string; points: number; balance: number }>; seq: number }> => {
  const read = await rowsInScope(
    scope,
    (where) =>
      db
        .select({ id: members.id, mergedInto: members.mergedInto, auditSeq: members.auditSeq })
        .from(members)
        .where(where),
    members,
  );
  const current = read.filter((m) => m.mergedInto === null).map((m) => m.id);
  const ids = scope.sweep === 'full' ? null : current;
  const [points, balance] =
    ids?.length === 0
      ? [new Map(), new Map()]
      : await Promise.all([totalsOf(db, pointsLedger, ids), totalsOf(db, balanceLedger, ids)]);
  return {
    sums: current.map((memberId) => ({
      memberId,
      points: points.get(memberId) ?? 0,
      balance: balance.get(memberId) ?? 0,
    })),
    seq: Math.max(0, ...read.map((m) => m.auditSeq)),
  };
};
