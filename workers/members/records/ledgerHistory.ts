import { and, desc, eq, lt, or } from 'drizzle-orm';
import { balanceLedger, pointsLedger } from '../../../schema';
import type { LedgerEntry, LedgerQuery } from '../../../shared/api/members';
import { pageOf } from '../../../shared/api/paging';
import type { Database } from '../../records/db';

export type LedgerRow = LedgerEntry;

const ledgers = { points: pointsLedger, balance: balanceLedger } as const;

/** One page of a member's points or balance ledger, newest first (rows of one moment by id, latest first). */
export const ledgerHistory = async (
  db: Database,
  memberId: string,
  query: LedgerQuery,
): Promise<{ entries: LedgerRow[]; nextCursor: string | null }> => {
  const ledger = ledgers[query.kind];
  const after = query.cursor;
  const rows = await db
    .select()
    .from(ledger)
    .where(
      and(
        eq(ledger.memberId, memberId),
        after === undefined
          ? undefined
          : or(lt(ledger.at, after.at), and(eq(ledger.at, after.at), lt(ledger.id, Number(after.id)))),
      ),
    )
    .orderBy(desc(ledger.at), desc(ledger.id))
    .limit(query.limit + 1);
  const { page, nextCursor } = pageOf(rows, query.limit, (row) => ({ at: row.at, id: row.id }));
  return { entries: page, nextCursor };
};
