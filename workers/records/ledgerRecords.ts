import { and, eq, gt, sql } from 'drizzle-orm';
import { balanceLedger, pointsLedger } from '../../schema';
import type { Database } from './db';

export type LedgerKind = 'points' | 'balance';

const ledgers = { points: pointsLedger, balance: balanceLedger } as const;

/** One ledger row to append: a delta in points or fen, why, for which order, and who moved it. */
export type LedgerEntry = Pick<
  typeof pointsLedger.$inferInsert,
  'memberId' | 'delta' | 'reason' | 'orderId' | 'operator'
>;

export interface LedgerTotals {
  points: number;
  balance: number;
  /** Sum of points ever credited: what tiers are measured by, so spending never demotes. */
  earnedPoints: number;
}

/**
 * Appends one row to a ledger. The row is only written when the member's total stays at or above
 * zero afterwards; the check and the insert are one statement, so concurrent debits cannot
 * overdraw. Returns false when refused.
 */
export const appendLedger = async (db: Database, kind: LedgerKind, entry: LedgerEntry, at: number) => {
  const ledger = ledgers[kind];
  const inserted = await db.all<{ id: number }>(sql`
    INSERT INTO ${ledger} (member_id, delta, reason, order_id, operator, at)
    SELECT ${entry.memberId}, ${entry.delta}, ${entry.reason}, ${entry.orderId ?? null}, ${entry.operator}, ${at}
    WHERE (SELECT COALESCE(SUM(delta), 0) FROM ${ledger} WHERE member_id = ${entry.memberId}) + ${entry.delta} >= 0
    RETURNING id`);
  return inserted.length > 0;
};

const sumOf = async (db: Database, kind: LedgerKind, memberId: string, positiveOnly = false) => {
  const ledger = ledgers[kind];
  const [row] = await db
    .select({ total: sql<number>`COALESCE(SUM(${ledger.delta}), 0)` })
    .from(ledger)
    .where(positiveOnly ? and(eq(ledger.memberId, memberId), gt(ledger.delta, 0)) : eq(ledger.memberId, memberId));
  return row?.total ?? 0;
};

export const ledgerTotals = async (db: Database, memberId: string): Promise<LedgerTotals> => {
  const [points, balance, earnedPoints] = await Promise.all([
    sumOf(db, 'points', memberId),
    sumOf(db, 'balance', memberId),
    sumOf(db, 'points', memberId, true),
  ]);
  return { points, balance, earnedPoints };
};

/**
 * The statements that move everything in both ledgers from `absorbedId` to `survivorId` within a
 * merge batch: a credit to the survivor and a matching debit to the absorbed account, each with
 * its reason, so both ledgers stay append-only and every total still adds up.
 */
export const ledgerMoves = (db: Database, absorbedId: string, survivorId: string, at: number) =>
  (['points', 'balance'] as const).flatMap((kind) => {
    const ledger = ledgers[kind];
    const move = (memberId: string, sign: 1 | -1, reason: string) =>
      db.insert(ledger).select(
        db
          .select({
            id: sql<number>`NULL`.as('id'),
            memberId: sql<string>`${memberId}`.as('member_id'),
            delta: sql<number>`${sign} * SUM(${ledger.delta})`.as('delta'),
            reason: sql<string>`${reason}`.as('reason'),
            orderId: sql<string | null>`NULL`.as('order_id'),
            operator: sql<string>`'system'`.as('operator'),
            at: sql<number>`${at}`.as('at'),
          })
          .from(ledger)
          .where(eq(ledger.memberId, absorbedId))
          .groupBy(ledger.memberId)
          .having(sql`SUM(${ledger.delta}) <> 0`),
      );
    // The credit is computed first; the debit then reads the same (unchanged) absorbed total.
    return [move(survivorId, 1, `merged from ${absorbedId}`), move(absorbedId, -1, `merged into ${survivorId}`)];
  });
