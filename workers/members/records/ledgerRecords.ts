import { and, eq, gt, type SQL, sql } from 'drizzle-orm';
import { balanceLedger, members, pointsLedger } from '../../../schema';
import type { Database } from '../../records/db';

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
 * The insert appending one row to a ledger, usable in a D1 batch. The row is only written when
 * the member's total stays at or above zero afterwards and `when` (if given) holds; the check and
 * the insert are one statement, so concurrent debits cannot overdraw.
 */
export const ledgerInsert = (db: Database, kind: LedgerKind, entry: LedgerEntry, at: number, when?: SQL) => {
  const ledger = ledgers[kind];
  const total = sql`(SELECT COALESCE(SUM(${ledger.delta}), 0) FROM ${ledger} WHERE ${ledger.memberId} = ${entry.memberId})`;
  return db
    .insert(ledger)
    .select(
      db
        .select({
          id: sql<number>`NULL`.as('id'),
          memberId: members.id,
          delta: sql<number>`${entry.delta}`.as('delta'),
          reason: sql<string>`${entry.reason}`.as('reason'),
          orderId: sql<string | null>`${entry.orderId ?? null}`.as('order_id'),
          operator: sql<string>`${entry.operator ?? 'system'}`.as('operator'),
          at: sql<number>`${at}`.as('at'),
        })
        .from(members)
        .where(and(eq(members.id, entry.memberId), sql`${total} + ${entry.delta} >= 0`, when)),
    )
    .returning({ id: ledger.id });
};

/** Appends one row to a ledger; false when refused because the total would go below zero. */
export const appendLedger = async (db: Database, kind: LedgerKind, entry: LedgerEntry, at: number) =>
  (await ledgerInsert(db, kind, entry, at)).length > 0;

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
