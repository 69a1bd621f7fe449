import { and, eq, gt, isNull } from 'drizzle-orm';
import { socketTickets } from '../../../schema';
import type { Database } from '../../records/db';

export const insertTicket = async (
  db: Database,
  ticket: { ticketHash: string; staffId: string | null; expiresAt: number },
): Promise<void> => {
  await db.insert(socketTickets).values(ticket);
};

/** Marks a ticket used, in one statement so two sockets cannot both take it; false when it is unknown, used or expired. */
export const redeemTicket = async (db: Database, ticketHash: string, now: number): Promise<boolean> => {
  const used = await db
    .update(socketTickets)
    .set({ usedAt: now })
    .where(
      and(eq(socketTickets.ticketHash, ticketHash), isNull(socketTickets.usedAt), gt(socketTickets.expiresAt, now)),
    )
    .returning({ ticketHash: socketTickets.ticketHash });
  return used.length === 1;
};
