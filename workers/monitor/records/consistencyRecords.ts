import { isNull, sql } from 'drizzle-orm';
import { balanceLedger, members, pointsLedger, skus } from '../../../schema';
import type { Database } from '../../records/db';

/** Every SKU's price, stock and listing as D1 holds them. */
export const skuRecords = (db: Database) =>
  db.select({ skuId: skus.id, price: skus.price, stock: skus.stock, listed: skus.listed }).from(skus);

const totalsOf = async (db: Database, ledger: typeof pointsLedger): Promise<Map<string, number>> => {
  const rows = await db
    .select({ memberId: ledger.memberId, total: sql<number>`SUM(${ledger.delta})` })
    .from(ledger)
    .groupBy(ledger.memberId);
  return new Map(rows.map((r) => [r.memberId, r.total]));
};

/** Every member still in use (not merged into another) with the sums of both ledgers. */
export const ledgerSums = async (
  db: Database,
): Promise<Array<{ memberId: string; points: number; balance: number }>> => {
  const [current, points, balance] = await Promise.all([
    db.select({ memberId: members.id }).from(members).where(isNull(members.mergedInto)),
    totalsOf(db, pointsLedger),
    totalsOf(db, balanceLedger),
  ]);
  return current.map(({ memberId }) => ({
    memberId,
    points: points.get(memberId) ?? 0,
    balance: balance.get(memberId) ?? 0,
  }));
};
