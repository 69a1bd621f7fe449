import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';

/**
 * The last number of the change sequence the consistency checks follow: one row, advanced by the
 * triggers that stamp `audit_seq` on SKU rows and members (migration 0013).
 */
export const auditSequence = sqliteTable('audit_sequence', {
  id: integer('id').primaryKey(),
  seq: integer('seq').notNull(),
});
