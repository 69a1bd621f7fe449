import { eq } from 'drizzle-orm';
import { freightTemplates, miniShops } from '../../../schema';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';

export type CopiedFreightTemplate = typeof freightTemplates.$inferInsert;

/** A template row binds 8 parameters; D1 allows 100 per statement. */
const TEMPLATES_PER_INSERT = 12;

/**
 * Stores the shop's copied templates and marks the shop as copied, in one batch: a shop marked
 * is never copied again. A template already here is left as it is.
 */
export const saveCopiedTemplates = async (
  db: Database,
  appid: string,
  templates: CopiedFreightTemplate[],
  copiedAt: number,
): Promise<void> => {
  await db.batch([
    db.update(miniShops).set({ templatesCopiedAt: copiedAt }).where(eq(miniShops.appid, appid)),
    ...chunks(templates, TEMPLATES_PER_INSERT).map((part) =>
      db.insert(freightTemplates).values(part).onConflictDoNothing(),
    ),
  ]);
};
