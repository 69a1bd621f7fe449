import { integer } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch; every timestamp in the schema uses it so the Worker and the rooms agree. */
export const epochMs = (name: string) => integer(name, { mode: 'number' });

/** Money is always an integer number of fen (1/100 yuan). */
export const fen = (name: string) => integer(name, { mode: 'number' });

/**
 * Where the record stands in the mall's one change sequence (`audit_sequence`): set by the
 * triggers of migration 0013 whenever what the consistency checks compare changes, so a check
 * reads only the records changed since its last run (`workers/monitor/consistency.ts`).
 */
export const auditSeq = () => integer('audit_seq').notNull().default(0);
