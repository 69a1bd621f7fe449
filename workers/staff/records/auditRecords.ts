import { and, desc, eq, gte, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { auditEvents } from '../../../schema';
import type { Database } from '../../records/db';

export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = Omit<typeof auditEvents.$inferInsert, 'id'>;

export const insertAuditEvent = async (db: Database, event: NewAuditEvent): Promise<void> => {
  await db.insert(auditEvents).values(event);
};

export interface AuditQuery {
  q?: string;
  actor?: string;
  entity?: string;
  from?: number;
  to?: number;
  cursor?: number;
  limit: number;
}

/** Whether `column` contains `text`; `%`, `_` and `\` typed into a search are searched for as themselves. */
const contains = (column: SQLiteColumn, text: string): SQL =>
  sql`${column} LIKE ${`%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`} ESCAPE '\\'`;

/** Events newest first; `last` is where the next page starts below, null on the last page. */
export const searchAuditEvents = async (
  db: Database,
  query: AuditQuery,
): Promise<{ events: AuditEvent[]; last: { at: number; id: number } | null }> => {
  const conditions: SQL[] = [];
  if (query.actor !== undefined) {
    conditions.push(or(eq(auditEvents.actorLogin, query.actor), eq(auditEvents.actorId, query.actor)) as SQL);
  }
  if (query.entity !== undefined) conditions.push(eq(auditEvents.entity, query.entity));
  if (query.from !== undefined) conditions.push(gte(auditEvents.at, query.from));
  if (query.to !== undefined) conditions.push(lte(auditEvents.at, query.to));
  if (query.cursor !== undefined) conditions.push(lt(auditEvents.id, query.cursor));
  if (query.q !== undefined) {
    const text = query.q;
    const columns = [
      auditEvents.route,
      auditEvents.targetId,
      auditEvents.actorLogin,
      auditEvents.action,
      auditEvents.body,
      auditEvents.changes,
    ];
    conditions.push(or(...columns.map((column) => contains(column, text))) as SQL);
  }
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(query.limit + 1);
  const events = rows.slice(0, query.limit);
  const last = rows.length > query.limit ? events.at(-1) : undefined;
  return { events, last: last ? { at: last.at, id: last.id } : null };
};
