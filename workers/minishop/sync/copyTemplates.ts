import { eq } from 'drizzle-orm';
import { freightTemplates, miniShops } from '../../../schema';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';
import type { MiniShopSource } from '../api/source';
import { localTemplateId } from './localIds';

/** A template row binds 7 parameters; D1 allows 100 per statement. */
const TEMPLATES_PER_INSERT = 14;

/**
 * Copies the shop's freight templates, once: the shop's `templatesCopiedAt` is set in the same
 * batch, and a shop that has it set is never copied again (seed 002: templates sync only once).
 * Answers how many were copied.
 */
export const copyTemplatesOnce = async (
  db: Database,
  source: MiniShopSource,
  appid: string,
  copiedAt: number | null,
  now: number,
): Promise<number> => {
  if (copiedAt !== null) return 0;
  const templates = await source.freightTemplates();
  const rows = templates.map((t) => ({
    id: localTemplateId(appid, t.templateId),
    appid,
    sourceTemplateId: t.templateId,
    name: t.name,
    valuation: t.valuation,
    isDefault: t.isDefault,
    copiedAt: now,
  }));
  await db.batch([
    db.update(miniShops).set({ templatesCopiedAt: now }).where(eq(miniShops.appid, appid)),
    ...chunks(rows, TEMPLATES_PER_INSERT).map((part) => db.insert(freightTemplates).values(part).onConflictDoNothing()),
  ]);
  return rows.length;
};
